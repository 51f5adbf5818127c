# --hide-cidrs draws no CIDR nodes except the internet.
.nodes | map(select(.peer)) | map(.id) == ["p-0.0.0.0/0"]
# Four flows: internet -> lb, lb -> web, web -> app, app -> db.
.edges | map([.from, .to, .style]) == [["c-app", "c-db", "flow"], ["c-lb", "c-web", "flow"], ["c-web", "c-app", "flow"], ["p-0.0.0.0/0", "c-lb", "flow"]]
