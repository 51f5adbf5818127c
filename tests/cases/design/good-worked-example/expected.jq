# The worked example of the design file: groups, counted interfaces, rules
# with their descriptions and line:col sources, the default egress added.
.groups | map([.id, .vpc, .members]) == [["game-servers-production", "game-production", ["game-server-1", "game-server-2"]], ["lb-game-production", "game-production", ["alb"]], ["monitoring", "game-production", ["prometheus"]]]
.interfaces | map([.id, .kind, .label]) == [["alb", "alb", "alb"], ["game-server-1", "ec2", "game-server"], ["game-server-2", "ec2", "game-server"], ["prometheus", "ecs", "prometheus"]]
.rules | map([.group, .direction, .label, .peer.id, .description]) == [["game-servers-production", "ingress", "tcp/8443", "lb-game-production", "Game traffic from the load balancer"], ["game-servers-production", "ingress", "tcp/9999", "monitoring", "OpenMetrics scrape"], ["game-servers-production", "egress", "all", "0.0.0.0/0", null], ["lb-game-production", "ingress", "tcp/80", "0.0.0.0/0", null], ["lb-game-production", "ingress", "tcp/443", "0.0.0.0/0", null], ["lb-game-production", "egress", "all", "0.0.0.0/0", null], ["monitoring", "egress", "tcp/9999", "game-servers-production", null]]
.rules | map(select(.direction == "egress" and .peer.id == "0.0.0.0/0")) | all(.default == true)
.groups | map(.source) == ["input.yaml:6:3", "input.yaml:20:3", "input.yaml:15:3"]
