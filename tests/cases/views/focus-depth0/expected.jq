# --group w* --depth 0 draws web in full with its members; the rules that
# cross the cut end in stubs of its neighbours lb and app (one node each,
# members not drawn), which count their other rules (app: its two with db).
.clusters | map(.id) == ["c-web"]
.nodes | map(.id) == ["h-app", "h-lb", "n-web-1", "p-10.20.5.0/24", "p-192.0.2.10/32"]
[.nodes[] | select(.stub) | [.id, .members, .beyond]] == [["h-app", 2, 2], ["h-lb", 1, 1]]
.edges | map([.from, .to]) == [["c-web", "h-app"], ["h-lb", "c-web"], ["p-10.20.5.0/24", "c-web"], ["p-192.0.2.10/32", "c-web"]]
