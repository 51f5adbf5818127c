# --egress=all draws the AWS default egress of app (no egress list) too:
# the flow from app to the internet, carrying that rule (1).
.edges | map(select(.to == "p-0.0.0.0/0")) | map([.from, .style, .labels, .rules]) == [["c-app", "flow", ["all"], [1]]]
# lb's egress to app (3) and app's ingress from lb (0) are one flow.
.edges | map(select(.from == "c-lb")) | map([.to, .style, .labels, .rules]) == [["c-app", "flow", ["tcp/8080"], [0, 3]]]
