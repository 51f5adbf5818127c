# v6client has only an IPv6 address and an egress rule to ::/0 only
# app allows tcp/9000 from 2600:1f18:aa::/64, which holds v6client's address
. as $d | (.regions | map({(.id): (.interfaces | join(","))}) | add) as $r | [.answers[] | select($r[.to.region // "-"] == "app")] | length == 1 and .[0].ipv6 == "tcp/9000" and .[0].ipv4 == null and .[0].answer == "yes"
# nothing over IPv4 (no IPv4 address), and ::/0 reaches the internet over IPv6
all(.answers[]; .ipv4 == null)
[.answers[] | select(.to.type == "internet")] | length == 1 and .[0].to.id == "::/0" and .[0].ipv6 == "all"
