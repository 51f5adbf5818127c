# describe-instances and describe-network-interfaces: one interface per ENI,
# labelled by its instance's Name tag, not one per instance and one per ENI.
.interfaces | map([.id, .kind, .label, .groups]) == [["eni-0a0000000000000001", "ec2", "game-server-1", ["sg-0a000000000000001"]], ["eni-0a0000000000000002", "ec2", "game-server-2", ["sg-0a000000000000001"]]]
.groups[0].name == "game-servers-production"
