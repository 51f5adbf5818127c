# Both branches of Fn::If are drawn, each label marked "(if)" (the DOT
# golden keeps the tooltips that say why).
.edges | map([.from, .labels]) == [["p-0.0.0.0/0", ["tcp/443 (if)"]], ["p-10.0.0.0/8", ["tcp/443 (if)"]]]
