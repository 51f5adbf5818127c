# The task ENI names only its attachment: every service of its group may own it.
.interfaces == [.interfaces[0]] and .interfaces[0].id == "eni-0e000001"
.interfaces[0] | .kind == "ecs" and .label == "ECS (grafana, prometheus)" and .groups == ["sg-mon"]
.groups | map(.id) == ["sg-mon"]
