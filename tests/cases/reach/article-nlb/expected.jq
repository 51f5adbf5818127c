# Stage 1: the NLB has no group; the game servers (allow-https-8443) allow its two addresses
# (10.0.1.10/32, 10.0.2.10/32) on tcp/8443, so the NLB reaches them: its egress
# is filtered by no group
. as $d | (.regions | map({(.id): (.interfaces | join(","))}) | add) as $r | [.answers[] | select(.from.type == "interfaces" and $r[.from.region] == "nlb-game-production")] | length == 1 and .[0].ports == "tcp/8443" and .[0].egress == [] and (.[0].notes | index("source in no group")) != null
# the addresses themselves are sources too, as the rules name them
[.answers[] | select(.from.type == "cidr") | .from.id] | sort == ["10.0.1.10/32", "10.0.2.10/32"]
