# Every kind of peer in one from: list, each with every port label: groups,
# hosts and IPv6 CIDRs made canonical, prefix lists, other accounts' groups.
.rules | map(select(.group == "db")) | map(.peer) | unique == ([{"type": "cidr", "id": "10.0.1.10/32"}, {"type": "cidr", "id": "2001:db8::/64"}, {"type": "external-group", "id": "123456789012/sg-0aa"}, {"type": "external-group", "id": "sg-0bb"}, {"type": "group", "id": "app"}, {"type": "prefix-list", "id": "pl-0123abcd"}] | unique)
.rules | map(select(.group == "db")) | group_by(.peer.id) | map(map(.label) | sort) | unique == [["icmp/3:4", "tcp/5432"]]
# An empty egress list means no egress; an absent one the AWS default.
.rules | map(select(.direction == "egress")) | map([.group, .label, .peer.id]) == [["app", "all", "0.0.0.0/0"]]
.groups | map([.id, .description, .source]) == [["app", null, "input.yaml:10:3"], ["db", "Databases", "input.yaml:3:3"]]
