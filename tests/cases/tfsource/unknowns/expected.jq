# Unknown without a plan, never invented, never dropped: the group a data
# source looks up is a stub known by the data source's address; a registry
# module's output is a stub known by the module call; an IPv6 block AWS
# assigns is an expression peer marked "known after apply", named by what the
# expression refers to. Known values (the VPC's CIDR) are used as they are.
.groups | map(.id) == ["aws_security_group.app"]
.rules | map([.label, .peer.type, .peer.id, .source]) == [["tcp/22", "cidr", "10.0.0.0/16", "infra/main.tf:45:3"], ["tcp/22", "expression", "aws_vpc.main (known after apply)", "infra/main.tf:46:3"], ["tcp/8080", "external-group", "data.aws_security_group.shared", "infra/main.tf:25:5"], ["tcp/443", "external-group", "module.lb_sg", "infra/main.tf:33:5"]]
