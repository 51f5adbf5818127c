# --egress=all draws the AWS default egress of app (no egress list) too.
.edges | map(select(.style == "egress")) | map([.from, .to, .labels]) == [["c-app", "p-0.0.0.0/0", ["all"]], ["c-lb", "c-app", ["tcp/8080"]]]
