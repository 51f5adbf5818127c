# By default the AWS default egress is hidden; a custom egress rule is drawn.
.edges | map(select(.style == "egress")) | map([.from, .to, .labels]) == [["c-lb", "c-app", ["tcp/8080"]]]
.edges | map(select(.style == "ingress")) | length == 2
