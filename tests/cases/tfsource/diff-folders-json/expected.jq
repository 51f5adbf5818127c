# Two checkouts of one configuration: resources are matched by address, so the
# group is the same on both sides; each rule points at the side it is from.
.groups | map([.id, .change]) == [["aws_security_group.bastion", null]]
.rules | map([.label, .peer.id, .change, .source]) == [["tcp/22", "0.0.0.0/0", "removed", "../lint-sarif/infra/main.tf:12:3"], ["tcp/443", "0.0.0.0/0", "added", "../diff-folders/head/main.tf:27:3"], ["tcp/22", "10.0.0.0/8", "added", "../diff-folders/head/main.tf:12:3"]]
