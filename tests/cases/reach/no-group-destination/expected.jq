# an interface in no group is a destination when named; nothing filters its ingress
. as $d | (.regions | map({(.id): (.interfaces | join(","))}) | add) as $r | [.answers[] | select($r[.from.region // "-"] == "web-1,web-2" and $r[.to.region // "-"] == "nat")] | .[0] | .answer == "yes" and .ports == "tcp/80" and .ingress == [] and .notes == ["destination in no group"]
