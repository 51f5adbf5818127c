# --group w* --depth 0 keeps only web, its members and its rules from CIDRs.
.clusters | map(.id) == ["c-web"]
.nodes | map(.id) == ["n-web-1", "p-10.20.5.0/24", "p-192.0.2.10/32"]
.edges | map([.from, .to]) == [["p-10.20.5.0/24", "c-web"], ["p-192.0.2.10/32", "c-web"]]
