# One cluster for the two groups, named after the one with the lower id,
# listing both names (natural order) and the "same members" mark.
.clusters | map(.id) == ["c-allow-egress-9999", "c-allow-http-9999"]
(.clusters[] | select(.id == "c-allow-http-9999") | [.groups, .parent, .label]) == [["allow-http-9999", "allow-https-8443"], null, "allow-http-9999\nallow-https-8443\n≡ same members"]
# No cluster inside another: neither set is a strict subset of the other.
[.clusters[].parent] == [null, null]
(.nodes[] | select(.id == "n-game-server-1") | [.cluster, .badges]) == ["c-allow-http-9999", []]
