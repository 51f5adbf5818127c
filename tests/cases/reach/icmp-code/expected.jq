# an ICMP type and code within the type the rule allows
. as $d | (.regions | map({(.id): (.interfaces | join(","))}) | add) as $r | [.answers[] | select($r[.from.region // "-"] == "monitor" and $r[.to.region // "-"] == "app")] | .[0] | .answer == "yes" and .ports == "icmp/8:0"
