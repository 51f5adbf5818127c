# The exposure report drawn: the internet, the load balancer and the arrow
# between them; the game servers and monitoring are not on a path.
.highlight.query == "internet ->"
.highlight.nodes == ["n-alb-game-production-1", "p-0.0.0.0/0"]
.highlight.clusters == ["c-lb-game-production"]
.highlight.edges == ["e-flow-p-0.0.0.0/0,c-lb-game-production"]
