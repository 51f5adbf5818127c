# --exclude leaves out the groups that match (db, batch) and their members
# and rules; interfaces in no group stay.
.clusters | map(.id) == ["c-app", "c-lb", "c-web"]
.nodes | map(select(.interfaces)) | map(.id) == ["n-app-1", "n-lb", "n-nat", "n-web-1"]
[.edges[] | select(.from == "c-db" or .to == "c-db")] == []
