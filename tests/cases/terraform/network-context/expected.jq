# aws_network_acl's inline entries and aws_network_acl_rule in number order;
# aws_default_network_acl is the default of the subnet it does not name
.network.subnets | map([.id, .nacl, .route_table]) == [["subnet-priv","acl-default","rtb-main"],["subnet-pub","acl-pub","rtb-pub"]]
.network.nacls[] | select(.id == "acl-pub") | .entries | map([.direction, .number, .action, .label]) == [["ingress",80,"deny","tcp/8080"],["ingress",90,"deny","tcp/22"],["ingress",100,"allow","tcp/all"],["egress",100,"allow","all"]]
# aws_default_route_table is the main table, aws_route adds to it
.network.route_tables | map([.id, .main, (.routes | map([.destination, .target, .type]))]) == [["rtb-main",true,[["0.0.0.0/0","nat-1","nat-gateway"]]],["rtb-pub",false,[["0.0.0.0/0","igw-1","internet-gateway"]]]]
# an instance's public_ip
[.interfaces[] | [.id, .public_addresses]] == [["aws_instance.app",null],["aws_instance.web",["203.0.113.5"]]]
