# Rules (-f json): 0, 1 the NLB's addresses, 2 the scrape's ingress, 4 its egress.
.edges | map([.from, .to, .style, .labels, .rules]) == [["c-monitoring", "c-game-servers-production", "flow", ["tcp/9999"], [2, 4]], ["n-nlb", "c-game-servers-production", "flow", ["tcp/8443"], [0, 1]]]
.legend == []
