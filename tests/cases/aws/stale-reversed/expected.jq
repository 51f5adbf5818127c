# The same facts as stale: the order of the files does not matter.
.rules | map([.group, .direction, .label, .peer.id, .stale]) == [["sg-0a000000000000001", "egress", "tcp/22", "222222222222/sg-0b000000000000001", true]]
.groups | map([.id, .name, .vpc]) == [["sg-0a000000000000001", "MySG1", "vpc-11223344"]]
