# Rules (-f json): 0, 1 app's ingress from monitoring; 2 app's default
# egress; 3 monitoring's egress to the internet, 4 to app. Each is on
# exactly one arrow, an arrow per rule direction between two ends.
.edges | map([.id, .style, .labels, .rules]) == [["e-egress-c-app,p-0.0.0.0/0", "egress", ["all"], [2]], ["e-egress-c-monitoring,c-app", "egress", ["tcp/9999"], [4]], ["e-egress-c-monitoring,p-0.0.0.0/0", "egress", ["tcp/443"], [3]], ["e-ingress-c-monitoring,c-app", "ingress", ["tcp/9998", "tcp/9999"], [0, 1]]]
[.edges[].rules[]] | sort == [0, 1, 2, 3, 4]
.legend | map(.style) == ["ingress", "egress"]
