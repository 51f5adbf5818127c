# web reaches app by group: its egress tcp/1024-65535 and app's ingress tcp/8080
# from web intersect to tcp/8080, over IPv4 only (web has no IPv6 address)
. as $d | (.regions | map({(.id): (.interfaces | join(","))}) | add) as $r | [.answers[] | select($r[.from.region // "-"] == "web-1,web-2" and $r[.to.region // "-"] == "app")] | length == 1
. as $d | (.regions | map({(.id): (.interfaces | join(","))}) | add) as $r | [.answers[] | select($r[.from.region // "-"] == "web-1,web-2" and $r[.to.region // "-"] == "app")] | .[0] | .answer == "yes" and .ports == "tcp/8080" and .ipv4 == "tcp/8080" and .ipv6 == null
. as $d | (.regions | map({(.id): (.interfaces | join(","))}) | add) as $r | [.answers[] | select($r[.from.region // "-"] == "web-1,web-2" and $r[.to.region // "-"] == "app")] | .[0] as $a | [$d.rules[] | select(.index == $a.egress[0])][0] | .group == "web" and .direction == "egress" and .label == "tcp/1024-65535"
. as $d | (.regions | map({(.id): (.interfaces | join(","))}) | add) as $r | [.answers[] | select($r[.from.region // "-"] == "web-1,web-2" and $r[.to.region // "-"] == "app")] | .[0] as $a | [$d.rules[] | select(.index == $a.ingress[0])][0] | .group == "app" and .direction == "ingress" and .peer.id == "web" and .label == "tcp/8080"
# batch, in app too but without a known address, is matched by group only
. as $d | (.regions | map({(.id): (.interfaces | join(","))}) | add) as $r | [.answers[] | select($r[.from.region // "-"] == "web-1,web-2" and $r[.to.region // "-"] == "batch")] | .[0] | .ports == "tcp/8080" and .notes == ["address unknown"]
# a query with both ends named answers every pair: two here
.query.pairs == true and (.answers | length) == 2 and .layers == ["security-groups"]
