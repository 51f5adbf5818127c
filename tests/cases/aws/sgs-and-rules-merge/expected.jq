# The same as rules-and-sgs-merge, the files in the other order.
.rules | map([.direction, .label, .peer.id, .description]) == [["ingress", "tcp/5432", "10.0.0.0/16", "vpc"], ["ingress", "tcp/22", "10.9.0.0/16", "bastion, only in the rules file"], ["ingress", "tcp/5432", "sg-0a000000000000002", "app servers"], ["egress", "all", "0.0.0.0/0", null]]
.groups | map([.id, .name]) == [["sg-0a000000000000001", "db"]]
