# Known values come first: a group's id when the plan knows it, its address
# when not; a known member id and a known peer id.
.groups | map([.id, .name]) == [["aws_security_group.b", "batch"], ["sg-0a", "app"]]
.interfaces | map([.id, .groups]) == [["aws_instance.web", ["sg-0a"]]]
.rules | map([.group, .label, .peer.type, .peer.id]) == [["sg-0a", "tcp/443", "external-group", "sg-0ext"]]
