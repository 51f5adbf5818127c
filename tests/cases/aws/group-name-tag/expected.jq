# A Name tag names the group, with its GroupName after it.
.groups | map(select(.id == "sg-0a000000000000001"))[0].name == "Game servers (game-servers-production)"
.groups | map(select(.id == "sg-0a000000000000002"))[0].name == "lb-game-production"
