# A node group's remote_access is a group EKS makes, with SSH from the named groups.
.groups | map(select(.id == "aws_eks_node_group.workers.remote_access"))[0] | .name == "workers remote access" and .members == ["aws_eks_node_group.workers"]
.rules == [.rules[0]] and (.rules[0] | [.group, .direction, .label, .peer.type, .peer.id] == ["aws_eks_node_group.workers.remote_access", "ingress", "tcp/22", "group", "aws_security_group.bastion"])
