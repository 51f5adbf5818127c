# Rules (-f json): 0 admin's egress tcp/22, 1 tcp/443, 2 app's ingress.
.edges | map([.from, .to, .style, .labels, .rules]) == [["c-admin", "c-app", "egress-only", ["tcp/22"], [0]], ["c-admin", "c-app", "flow", ["tcp/443"], [1, 2]]]
.legend | map([.style, .text]) == [["flow", "allowed by both sides"], ["egress-only", "allowed by the source's egress, blocked by the destination's ingress"]]
