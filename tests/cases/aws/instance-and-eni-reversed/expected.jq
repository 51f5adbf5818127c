# The same facts as instance-and-eni: the ENIs are labelled by their instances' names.
.interfaces | map([.id, .kind, .label, .groups]) == [["eni-0a0000000000000001", "ec2", "game-server-1", ["sg-0a000000000000001"]], ["eni-0a0000000000000002", "ec2", "game-server-2", ["sg-0a000000000000001"]]]
