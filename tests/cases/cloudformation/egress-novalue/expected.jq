# Egress that exists only under a condition keeps the AWS default egress
# otherwise (both conditional); egress in both branches replaces it.
.rules | map(select(.group == "Sometimes")) | map([.label, .peer.id, .conditional]) == [["all", "0.0.0.0/0", true], ["tcp/443", "10.0.0.0/8", true]]
.rules | map(select(.group == "Always")) | map([.label, .peer.id]) == [["tcp/80", "10.0.0.0/8"], ["tcp/443", "10.0.0.0/8"]]
.rules | map(select(.group == "ByResource")) | map([.label, .peer.id, .conditional]) == [["all", "0.0.0.0/0", true], ["udp/53", "10.0.0.2/32", true]]
