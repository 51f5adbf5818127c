# Groups that AWS creates: the EKS cluster security group (with its self
# rule) and the VPC's default group, named after what made them.
.groups | map({(.id): .name}) | add == {"Eks.ClusterSecurityGroupId": "eks-cluster-sg (Eks)", "Nodes": "Nodes", "Vpc01.DefaultSecurityGroup": "default (Vpc01)"}
.interfaces | map([.id, .kind, .groups]) == [["Eks", "eks", ["Eks.ClusterSecurityGroupId"]], ["Legacy", "ec2", ["Vpc01.DefaultSecurityGroup"]]]
.rules | map(select(.direction == "ingress" and .peer.type == "group")) | map([.group, .peer.id, .label]) == [["Eks.ClusterSecurityGroupId", "Eks.ClusterSecurityGroupId", "all"], ["Nodes", "Eks.ClusterSecurityGroupId", "all"], ["Vpc01.DefaultSecurityGroup", "Vpc01.DefaultSecurityGroup", "all"]]
