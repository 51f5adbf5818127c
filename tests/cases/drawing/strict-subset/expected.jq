[.clusters[] | {(.id): [.groups, .parent]}] | add == {"c-app": [["app", "vpc-wide"], null], "c-audit": [["audit", "db-clients"], "c-app"], "c-empty": [["empty"], null]}
(.nodes[] | select(.id == "n-api") | [.cluster, .badges]) == ["c-audit", []]
(.nodes[] | select(.id == "n-web") | [.cluster, .badges]) == ["c-app", []]
