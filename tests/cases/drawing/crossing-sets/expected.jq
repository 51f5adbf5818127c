.clusters | map(.id) == ["c-db", "c-web"]
[.nodes[] | select(.groups) | {(.id): .groups}] | add == {"h-admin-10": ["admin-2", "admin-10"], "h-scrape": ["scrape"]}
(.nodes[] | select(.id == "h-admin-10") | .label) == "admin-2\nadmin-10\n≡ same members"
[.nodes[] | select(.interfaces) | {(.id): [.cluster, .badges]}] | add == {"n-postgres": ["c-db", ["admin-2", "admin-10"]], "n-prometheus": [null, ["scrape"]], "n-web-1": ["c-web", ["admin-2", "admin-10", "scrape"]], "n-web-2": ["c-web", []]}
# web-2 and web-3 have the same groups and kind: one region node.
(.nodes[] | select(.id == "n-web-2") | .interfaces) == ["web-2", "web-3"]
.legend == [{"style": "badge", "groups": ["admin-2"], "tag": 1, "text": "admin-2"}, {"style": "badge", "groups": ["admin-10"], "tag": 2, "text": "admin-10"}, {"style": "badge", "groups": ["scrape"], "tag": 3, "text": "scrape"}]
