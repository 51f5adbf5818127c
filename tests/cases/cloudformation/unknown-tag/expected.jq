# An unknown tag's value is drawn as text.
.rules | map(select(.direction == "ingress")) | map([.label, .peer.type, .peer.id]) == [["tcp/443", "expression", "!Rain::Constant AdminCidr"]]
