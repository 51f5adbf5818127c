# By default the AWS default egress is hidden (no arrow to the internet
# carries app's rule 1), but it still allows: nothing here is blocked.
.edges | map(select(.to == "p-0.0.0.0/0")) == []
.edges | map(.style) | unique == ["flow"]
# The custom egress rule (3) is drawn, paired with app's ingress (0).
.edges | map(select(.from == "c-lb")) | map([.to, .labels, .rules]) == [["c-app", ["tcp/8080"], [0, 3]]]
