# --egress none with --rules: only ingress arrows, one per rule direction.
.edges | map(.style) | unique == ["ingress"]
.edges | map([.from, .to]) == [["c-lb", "c-app"], ["p-0.0.0.0/0", "c-lb"]]
