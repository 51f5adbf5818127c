# The EKS ControlPlane interface is in both of its groups: the group AWS
# makes for the cluster (eks-cluster-sg) and ControlPlaneSecurityGroup. It
# names no VPC, but its subnets do, so it is in the VPC, and so is the
# cluster's group, whose only member it is: nothing is drawn outside the
# VPC frame, and the cluster's group nests in ControlPlaneSecurityGroup
# (expected.view.jq). The NAT gateways are in the VPC through their subnets.
.interfaces | map(select(.id == "ControlPlane"))[0] | .groups == ["ControlPlane.ClusterSecurityGroupId", "ControlPlaneSecurityGroup"] and .vpc == "VPC" and .subnet == "PublicSubnet1"
.groups | map([.id, .name, .vpc]) == [["ControlPlane.ClusterSecurityGroupId", "eks-cluster-sg (ControlPlane)", "VPC"], ["ControlPlaneSecurityGroup", "ControlPlaneSecurityGroup", "VPC"]]
.interfaces | map(.vpc) | unique == ["VPC"]
