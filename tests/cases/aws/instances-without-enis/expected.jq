# An instance whose ENI is listed in it is that ENI; one without an ENI id is the instance.
.interfaces | map([.id, .kind, .label]) == [["eni-0a0000000000000001", "ec2", "game-server-1"], ["i-0a0000000000000002", "ec2", "game-server-2"]]
.groups[0].members == ["eni-0a0000000000000001", "i-0a0000000000000002"]
