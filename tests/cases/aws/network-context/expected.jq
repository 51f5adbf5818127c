# describe-network-acls, -route-tables, -internet-gateways,
# -egress-only-internet-gateways and -addresses make the network context
# subnet-priv is named by the default NACL's associations, subnet-v6 by none (the
# default NACL applies); subnet-eph and
# subnet-pub have explicit route tables; subnet-priv has none: the main one
.network.subnets | map([.id, .nacl, .route_table]) == [["subnet-eph","acl-eph","rtb-pub"],["subnet-other",null,"rtb-other"],["subnet-priv","acl-default","rtb-main"],["subnet-pub","acl-pub","rtb-pub"],["subnet-v6","acl-default","rtb-v6"]]
# NACL entries in evaluation order: inbound first, by number
.network.nacls[] | select(.id == "acl-pub") | .entries | map([.direction, .number, .action, .label, .cidr]) == [["ingress",90,"deny","tcp/22","0.0.0.0/0"],["ingress",100,"allow","tcp/all","0.0.0.0/0"],["ingress",32767,"deny","all","0.0.0.0/0"],["egress",100,"allow","all","0.0.0.0/0"],["egress",32767,"deny","all","0.0.0.0/0"]]
# a route's target by its kind
.network.route_tables[] | select(.id == "rtb-main") | .routes | map(.type) == ["local","peering","nat-gateway"]
.network.gateways == [{"id":"eigw-1","vpc":"vpc-1","egress_only":true},{"id":"igw-1","vpc":"vpc-1","egress_only":false}]
# public addresses: an ENI's association, an Elastic IP read before its ENI
[.interfaces[] | select(.public_addresses) | [.id, .public_addresses]] == [["eni-api",["203.0.113.30"]],["eni-app",["198.51.100.7"]],["eni-web",["203.0.113.10"]]]
