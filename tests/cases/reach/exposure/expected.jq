# with no end: what the internet reaches
.query.from == "internet" and .query.to == null
# web over IPv4 from 0.0.0.0/0 on tcp/443; its IPv6 partner rule cannot reach it (no IPv6 address)
. as $d | (.regions | map({(.id): (.interfaces | join(","))}) | add) as $r | [.answers[] | select($r[.to.region // "-"] == "web-1,web-2")] | length == 1 and .[0].from == {"type": "internet", "id": "0.0.0.0/0"} and .[0].ports == "tcp/443"
# app and batch from 2600:1f18:aa::/64 (a public IPv6 range) on tcp/9000
. as $d | (.regions | map({(.id): (.interfaces | join(","))}) | add) as $r | [.answers[] | select($r[.to.region // "-"] == "app")] | length == 1 and .[0].from.id == "2600:1f18:aa::/64" and .[0].ipv6 == "tcp/9000"
# 10.0.9.0/24 is private: not the internet; db is not exposed
. as $d | (.regions | map({(.id): (.interfaces | join(","))}) | add) as $r | [.answers[] | select($r[.to.region // "-"] == "db")] | length == 0
# the interface in no group is left out of the destinations, and counted
.summary.unfiltered_interfaces == 1 and (.answers | length) == 3
