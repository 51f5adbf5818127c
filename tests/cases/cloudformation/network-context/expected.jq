# NetworkAcl with its NetworkAclEntry resources in number order, Route into
# its RouteTable, the subnet associations, VPCGatewayAttachment's VPC
.network.subnets | map([.id, .nacl, .route_table]) == [["PrivateSubnet",null,"PrivateRoutes"],["PublicSubnet","PublicAcl","PublicRoutes"]]
.network.nacls[0].entries | map([.direction, .number, .action, .label]) == [["ingress",90,"deny","tcp/22"],["ingress",100,"allow","tcp/all"],["egress",100,"allow","all"]]
.network.route_tables | map([.id, (.routes | map([.destination, .target, .type]))]) == [["PrivateRoutes",[]],["PublicRoutes",[["0.0.0.0/0","Igw","internet-gateway"]]]]
.network.gateways == [{"id":"Igw","vpc":"Vpc","egress_only":false}]
# a public address to come: Web's subnet maps one at launch, App has an EIP
[.interfaces[] | [.id, .public_addresses]] == [["App",["(known after deploy)"]],["Web",["(known after deploy)"]]]
