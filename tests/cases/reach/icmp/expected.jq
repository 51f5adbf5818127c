# ICMP echo (icmp/8) from the web subnet's CIDR reaches app; monitor is in it
. as $d | (.regions | map({(.id): (.interfaces | join(","))}) | add) as $r | [.answers[] | select($r[.from.region // "-"] == "monitor" and $r[.to.region // "-"] == "app")] | .[0] | .answer == "yes" and .ports == "icmp/8" and .ipv4 == "icmp/8"
# the default egress is the reason on the source side
. as $d | (.regions | map({(.id): (.interfaces | join(","))}) | add) as $r | [.answers[] | select($r[.from.region // "-"] == "monitor" and $r[.to.region // "-"] == "app")] | .[0] as $a | [$d.rules[] | select(.index == $a.egress[0])][0] | .default == true and .peer.id == "0.0.0.0/0"
# the CIDR rule is about the source's address: batch, whose address is unknown,
# is reached too (matched by group: its ingress is app's), and the answer says so
. as $d | (.regions | map({(.id): (.interfaces | join(","))}) | add) as $r | [.answers[] | select($r[.from.region // "-"] == "monitor" and $r[.to.region // "-"] == "batch")] | .[0] | .answer == "yes" and .ports == "icmp/8" and .notes == ["address unknown"]
