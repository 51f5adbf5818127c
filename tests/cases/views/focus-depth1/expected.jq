# --group web (depth 1) draws web in full and its neighbours lb and app as
# stubs (no members drawn), not db or batch, nor the interfaces in no group;
# app's rules with db are counted on its stub, not drawn.
.clusters | map(.id) == ["c-web"]
.nodes | map(select(.interfaces)) | map(.id) == ["n-web-1"]
[.nodes[] | select(.stub) | .id] == ["h-app", "h-lb"]
(.nodes[] | select(.id == "h-app")) | .beyond == 2
[.edges[] | select(.to == "c-db" or .from == "c-db" or .to == "h-db" or .from == "h-db")] == []
