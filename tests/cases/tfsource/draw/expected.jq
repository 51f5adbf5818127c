# A folder of .tf files is one input: its groups (by address, the ids being
# unknown without a plan), members and rules, each at its FILE:LINE:COL.
.groups | map([.id, .name, .description, .source]) == [["aws_security_group.db", "db", "Database", "infra/main.tf:20:1"], ["aws_security_group.web", "web", "Web servers", "infra/main.tf:7:1"]]
.interfaces | map([.id, .kind, .label, .groups, .source]) == [["aws_instance.app", "ec2", "app", ["aws_security_group.web"], "infra/main.tf:45:1"]]
# The rule's location is where its peer is written; the variable's default
# is the SSH peer.
.rules | map([.group, .label, .peer.type, .peer.id, .source]) == [["aws_security_group.db", "tcp/22", "cidr", "198.51.100.0/24", "infra/main.tf:41:3"], ["aws_security_group.db", "tcp/5432", "group", "aws_security_group.web", "infra/main.tf:31:3"], ["aws_security_group.web", "tcp/443", "cidr", "0.0.0.0/0", "infra/main.tf:16:5"]]
