# A Fn::ForEach loop of rules is not expanded (a warning); the other rules are drawn.
.rules | map([.group, .direction, .label, .peer.id]) == [["Web", "ingress", "tcp/443", "0.0.0.0/0"], ["Web", "egress", "all", "0.0.0.0/0"]]
