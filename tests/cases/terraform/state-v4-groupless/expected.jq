# NAT gateways, and NLBs and GWLBs without groups, are interfaces in no group.
.interfaces | map([.id, .kind, .groups]) == [["aws_instance.game[0]", "ec2", ["sg-0game"]], ["aws_lb.game", "nlb", []], ["aws_lb.inspect", "gwlb", []], ["aws_nat_gateway.main", "nat", []]]
.interfaces | map(select(.id == "aws_lb.game" or .id == "aws_nat_gateway.main")) | map(.label) == ["game-nlb", "nat-a"]
