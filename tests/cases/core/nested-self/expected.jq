# cache-clients holds a subset of app: its cluster is inside app's, and the
# rule between them is drawn unclipped (nested); app's self rules are a mark.
.clusters | map([.id, .parent]) == [["c-app", null], ["c-cache-clients", "c-app"]]
.clusters | map(select(.id == "c-app"))[0] | .self == "self: tcp/7000-7100, udp/7000-7100" and .rules == [0, 1]
.edges | map(select(.from == "c-cache-clients" and .to == "c-app"))[0] | .nested == true and .labels == ["icmp/8"]
.edges | map(select(.to == "p-pl-0123456789abcdef0"))[0].nested == null
.nodes | map(select(.interfaces)) | map({(.id): [.cluster, (.interfaces | length)]}) | add == {"n-app-cached-1": ["c-cache-clients", 2], "n-app-plain-1": ["c-app", 3]}
