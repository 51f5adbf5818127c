# A group-level overview (40 boxes or more) folds its CIDRs into ranges
# past 12 of them (said on stderr, expected.err): the 40 /24s of 10.0.0.0/8
# are one "private networks" node; its 40 arrows make it a hub, so each is
# a line of its box ("from private networks: tcp/443"), kept in the view
# dump marked folded, and the hub counts them.
.detail == "groups"
[.nodes[] | select(.peer) | .id] == ["p-private"]
(.nodes[] | select(.id == "p-private")) | .folded == "40 arrows folded\n(the boxes they join list them)"
[.nodes[] | select(.groups) | .folded] | unique == ["from private networks: tcp/443"]
[.edges[] | select(.folded)] | length == 40
