# --detail groups: no clusters and no interface nodes; each class of groups
# is one box with its member count by kind (web = web-alias one box), a
# strict subset says the smallest box it is inside, and the rules of a pair
# of boxes merge into one arrow (lb's two ports: one label).
.detail == "groups"
.clusters == []
[.nodes[] | select(.interfaces)] == []
[.nodes[] | select(.groups) | .id] == ["h-canary", "h-db", "h-lb", "h-monitoring", "h-web"]
(.nodes[] | select(.id == "h-web")) | .groups == ["web", "web-alias"] and .members == 5 and .kinds == {"ec2": 4, "lambda": 1}
(.nodes[] | select(.id == "h-db")) | .members == 2 and .kinds == {"rds": 2} and .inside == "h-monitoring"
(.nodes[] | select(.id == "h-canary")) | .inside == "h-monitoring"
(.nodes[] | select(.id == "h-lb")) | has("inside") | not
[.edges[] | select(.from == "h-lb" and .to == "h-web")] | map(.labels) == [["tcp/8080-8081"]]
[.edges[] | .id] == ["e-flow-h-lb,h-web", "e-flow-h-monitoring,h-db", "e-flow-h-monitoring,h-web", "e-flow-h-web,h-db", "e-flow-p-0.0.0.0/0,h-lb"]
