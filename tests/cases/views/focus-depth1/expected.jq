# --group web (depth 1) keeps web and its neighbours lb and app, not db or
# batch, nor the interfaces in no group.
.clusters | map(.id) == ["c-app", "c-lb", "c-web"]
.nodes | map(select(.interfaces)) | map(.id) == ["n-app-1", "n-lb", "n-web-1"]
[.edges[] | select(.to == "c-db" or .from == "c-db")] == []
