# bastion-access and web tie on crossings and size; web holds one kind of
# interface, so web is the cluster, db a top cluster, and bastion-access a
# node of its own plus badges on web-a and postgres, with a legend entry.
.clusters | map([.id, .parent]) == [["c-db", null], ["c-web", null]]
.nodes | map(select(.groups)) | map([.id, .groups]) == [["h-bastion-access", ["bastion-access"]]]
.nodes | map(select(.interfaces)) | map({(.id): [.cluster, .badges]}) | add == {"n-postgres": ["c-db", ["bastion-access"]], "n-web-a": ["c-web", ["bastion-access"]], "n-web-b": ["c-web", []]}
.edges | map(select(.from == "p-10.9.0.0/24"))[0].to == "h-bastion-access"
.legend == [{"style": "badge", "groups": ["bastion-access"], "tag": 1, "text": "bastion-access"}]
