# One permission with several CIDRs, prefix lists and groups is one rule per peer.
.rules | map(select(.direction == "ingress")) | map([.peer.type, .peer.id, .label]) == [["cidr", "0.0.0.0/0", "tcp/443"], ["cidr", "10.0.0.0/16", "tcp/443"], ["cidr", "192.168.1.0/24", "tcp/443"], ["cidr", "2001:db8::/32", "tcp/443"], ["prefix-list", "pl-0123456789abcdef0", "tcp/443"], ["external-group", "sg-0a000000000000002", "tcp/443"]]
.rules | map(select(.direction == "egress")) | map(.peer.id) == ["0.0.0.0/0", "::/0"]
