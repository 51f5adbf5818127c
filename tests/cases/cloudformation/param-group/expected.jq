# A parameter that names a security group is a group (named with its default).
.groups | map([.id, .name, .declared]) == [["Db", "Db", true], ["param:BastionGroup", "BastionGroup (default sg-0aaaabbbbccccdddd)", false]]
.rules | map(select(.direction == "ingress")) | map([.group, .peer.type, .peer.id]) == [["Db", "group", "param:BastionGroup"], ["param:BastionGroup", "param", "param:AdminCidr"]]
.interfaces | map([.id, .groups]) == [["Bastion", ["param:BastionGroup"]]]
