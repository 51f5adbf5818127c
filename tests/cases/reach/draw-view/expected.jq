# reach draws its answer: the inputs with the paths highlighted (-f view
# lists what is bold; the DOT dims the rest, see tests/scripts/reach_draw.sh).
# The article's monitoring reaches the game servers only: its interfaces,
# the game servers', their two groups and the one arrow between them.
.highlight.query == "monitoring ->"
.highlight.nodes == ["n-game-server-1", "n-prometheus-1"]
.highlight.clusters == ["c-game-servers-production", "c-monitoring"]
.highlight.edges == ["e-flow-c-monitoring,c-game-servers-production"]
# everything else is drawn, dimmed: the load balancer and the internet too
[.nodes[].id] | index("n-alb-game-production-1") != null and index("p-0.0.0.0/0") != null
