# render --highlight draws reach's answer for 'FROM -> TO:PORT': the load
# balancer's targets on tcp/8443, and only that arrow.
.highlight.query == "lb-game-production -> game-servers-production:tcp/8443"
.highlight.nodes == ["n-alb-game-production-1", "n-game-server-1"]
.highlight.edges == ["e-flow-c-lb-game-production,c-game-servers-production"]
