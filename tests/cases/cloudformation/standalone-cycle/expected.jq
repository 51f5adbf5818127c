# Groups whose rules name each other (a cycle, broken by rule resources) are all drawn.
.rules | map([.group, .direction, .label, .peer.id]) == [["Game", "ingress", "all", "Game"], ["Game", "ingress", "tcp/9999", "Monitoring"], ["Game", "egress", "all", "0.0.0.0/0"], ["Monitoring", "egress", "tcp/9999", "Game"]]
.rules | map(select(.peer.id == "Monitoring"))[0].description == "OpenMetrics scrape"
