# a known prefix-list entry (10.0.1.0/24) holds web's address: web reaches db on tcp/5432
. as $d | (.regions | map({(.id): (.interfaces | join(","))}) | add) as $r | [.answers[] | select($r[.from.region] == "eni-0a1b2c3d4e5f60101")] | length == 1 and .[0].answer == "yes" and .[0].ports == "tcp/5432"
. as $d | (.regions | map({(.id): (.interfaces | join(","))}) | add) as $r | [.answers[] | select($r[.from.region] == "eni-0a1b2c3d4e5f60101")][0] as $a | [$d.rules[] | select(.index == $a.ingress[0])][0].peer == {"type": "prefix-list", "id": "pl-0a1b2c3d4e5f70001"}
# batch (10.0.7.5) is in none of the known entries, and unknown entries match no interface
. as $d | (.regions | map({(.id): (.interfaces | join(","))}) | add) as $r | [.answers[] | select($r[.from.region] == "eni-0a1b2c3d4e5f60102")] | length == 1 and .[0].answer == "no" and .[0].blocked == "ingress"
