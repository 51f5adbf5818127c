# remote_access of a node group in a state: SSH from the source groups, or from anywhere without them.
.rules | map([.group, .label, .peer.type, .peer.id]) == [["sg-0open", "tcp/22", "cidr", "0.0.0.0/0"], ["sg-0remote", "tcp/22", "group", "sg-0bastion"]]
.groups | map(select(.id == "sg-0remote"))[0] | .name == "workers remote access" and .members == ["aws_eks_node_group.workers"]
