# --egress none draws no egress at all, not even custom rules: the flow
# from lb to app carries app's ingress (0) but not lb's egress (3), and
# no arrow stands for app's default egress (1).
.edges | map([.from, .to, .style, .rules]) == [["c-lb", "c-app", "flow", [0]], ["p-0.0.0.0/0", "c-lb", "flow", [2]]]
