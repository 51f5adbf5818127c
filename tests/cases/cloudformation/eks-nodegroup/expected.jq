# An EKS cluster's interfaces are in its cluster security group and its
# control plane groups; node groups are members of the groups of their cluster.
.interfaces | map([.id, .kind, .groups]) == [["Cluster", "eks", ["Cluster.ClusterSecurityGroupId", "ControlPlaneSg"]], ["Defaults", "ec2", ["Cluster.ClusterSecurityGroupId"]], ["Workers", "ec2", ["ControlPlaneSg"]]]
.interfaces | map(.id) | index("Elsewhere") == null
