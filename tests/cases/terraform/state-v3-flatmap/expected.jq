# A version 3 state's flatmap attributes: a list of eleven CIDRs, self and a group.
.rules | map(select(.peer.type == "cidr")) | map(.peer.id) | sort == ["10.0.0.0/24", "10.0.1.0/24", "10.0.10.0/24", "10.0.2.0/24", "10.0.3.0/24", "10.0.4.0/24", "10.0.5.0/24", "10.0.6.0/24", "10.0.7.0/24", "10.0.8.0/24", "10.0.9.0/24"]
.rules | map(select(.peer.type != "cidr")) | map([.direction, .label, .peer.type, .peer.id]) == [["ingress", "all", "group", "sg-0a1"], ["egress", "tcp/5432", "external-group", "sg-0db"]]
.interfaces | map([.id, .label, .groups]) == [["aws_instance.app[0]", "app-0", ["sg-0a1"]]]
