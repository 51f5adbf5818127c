# Two templates that use the same logical id keep both groups, told apart by file.
.groups | map([.id, .members]) == [["GameGroup", ["GameServer"]], ["LbGroup", []], ["Shared (app.json)", ["GameServer"]], ["Shared (network.yaml)", []]]
.rules | map(select(.group == "GameGroup" and .direction == "ingress"))[0].peer == {"type": "group", "id": "LbGroup"}
