# Every membership of ControlPlane is drawn: its cluster is the cluster
# group's, nested in ControlPlaneSecurityGroup's, all in the VPC's frame.
.nodes | map(select(.interfaces == ["ControlPlane"]))[0] | .cluster == "c-ControlPlane.ClusterSecurityGroupId" and .frame == "v-VPC"
.clusters | map([.id, .parent, .frame]) == [["c-ControlPlane.ClusterSecurityGroupId", "c-ControlPlaneSecurityGroup", "v-VPC"], ["c-ControlPlaneSecurityGroup", null, "v-VPC"]]
[.nodes[] | select(.interfaces) | .frame] | unique == ["v-VPC"]
