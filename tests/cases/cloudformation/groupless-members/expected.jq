# Interfaces in no group (an NLB without groups, a GWLB, a NAT gateway) are
# drawn outside every cluster; an NLB with a group is inside it.
.nodes | map(select(.interfaces)) | map({(.id): [.kind, .cluster]}) | add == {"n-GameNlb": ["nlb", null], "n-GroupedNlb": ["nlb", "c-Game"], "n-Inspection": ["gwlb", null], "n-Nat": ["nat", null], "n-Servers": ["ec2", "c-Game"]}
