# A peer unknown until apply (after_unknown) is drawn as an expression peer
# marked "known after apply", named by what the configuration's expression
# refers to (the attribute's name when the plan has no expression for it);
# the rule is drawn, not dropped with a warning.
.rules | map([.label, .peer.type, .peer.id]) == [["tcp/443", "expression", "aws_vpc.main (known after apply)"], ["tcp/22", "expression", "cidr_blocks (known after apply)"]]
