# from .tf source, ids are addresses; a route's gateway unknown until
# apply is taken for an internet gateway; an instance in a subnet that maps
# public addresses at launch has one to come
.network.route_tables[0].routes == [{"destination":"0.0.0.0/0","target":"(known after apply)","type":"internet-gateway"}]
.network.subnets | map([.id, .nacl, .route_table]) == [["aws_subnet.priv",null,null],["aws_subnet.pub","aws_network_acl.pub","aws_route_table.pub"]]
[.interfaces[] | [.id, .public_addresses]] == [["aws_instance.app",null],["aws_instance.web",["(known after apply)"]]]
