# --depth 2: db (two rules away) is a stub too, and the rules between the
# stubs app and db are drawn, so neither counts a rule not drawn.
.clusters | map(.id) == ["c-web"]
[.nodes[] | select(.stub) | [.id, .beyond]] == [["h-app", 0], ["h-db", 0], ["h-lb", 1]]
[.edges[] | [.from, .to]] == [["c-web", "h-app"], ["h-app", "h-db"], ["h-lb", "c-web"], ["p-10.20.5.0/24", "c-web"], ["p-192.0.2.10/32", "c-web"]]
