# Every interface is drawn (--no-collapse: two of a kind with the same groups
# would be one region node), with its name whole in the view (the drawing
# wraps and cuts it, the tooltip and the view keep it).
[.nodes[] | select(.interfaces)] | length == 16
[.nodes[] | select(.label == "alb-game-production-public-internet-facing-eu-west-1")] | length == 1
