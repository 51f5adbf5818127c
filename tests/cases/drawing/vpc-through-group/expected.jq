# The ALB and the EKS control plane have no VPC of their own: they take
# their groups' VPC and are drawn inside its frame; the group EKS makes
# (no VpcId) takes its member's VPC, and since its one member is also in
# ControlPlaneSg, with the nodes, it sits inside that cluster.
.frames | map(.id) == ["v-VPC"]
[.nodes[] | select(.interfaces) | {(.id): .frame}] | add == {"n-Cluster": "v-VPC", "n-Lb": "v-VPC", "n-Workers": "v-VPC"}
[.clusters[] | {(.id): [.frame, .parent]}] | add == {"c-Cluster.ClusterSecurityGroupId": ["v-VPC", "c-ControlPlaneSg"], "c-ControlPlaneSg": ["v-VPC", null], "c-LbSg": ["v-VPC", null]}
# Both memberships of the control plane are shown: its cluster and the one around it.
(.nodes[] | select(.id == "n-Cluster") | [.cluster, .badges]) == ["c-Cluster.ClusterSecurityGroupId", []]
