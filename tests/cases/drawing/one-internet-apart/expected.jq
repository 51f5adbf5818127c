.nodes | map(select(.peer)) | map([.id, .peer.also]) == [["p-0.0.0.0/0", null], ["p-::/0", null]]
.edges | map([.from, .labels]) == [["p-0.0.0.0/0", ["tcp/22", "tcp/443"]], ["p-::/0", ["tcp/443"]]]
