# --egress none draws no egress at all, not even custom rules.
.edges | map(.style) | unique == ["ingress"]
.edges | map([.from, .to]) == [["c-lb", "c-app"], ["p-0.0.0.0/0", "c-lb"]]
