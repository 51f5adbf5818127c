# Members that name no VPC are in the VPC of their subnets: an ALB (Subnets),
# a NAT gateway (SubnetId) and an Aurora cluster (through its DB subnet
# group's SubnetIds); their groups, which name no VPC either, are in the
# VPC of their members.
.interfaces | map([.id, .vpc, .subnet]) == [["Database", "Vpc", "SubnetB"], ["LoadBalancer", "Vpc", "SubnetA"], ["Nat", "Vpc", "SubnetA"]]
.groups | map([.id, .vpc]) == [["DatabaseGroup", "Vpc"], ["LoadBalancerGroup", "Vpc"]]
.vpcs == [{"id": "Vpc", "name": "Vpc", "cidrs": ["10.2.0.0/16"]}]
