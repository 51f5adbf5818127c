.clusters | length == 2
(.clusters[] | select(.id == "c-app") | .groups) == ["app", "asg-sg-1", "asg-sg-2", "asg-sg-10", "logs", "metrics", "ssh"]
(.clusters[] | select(.id == "c-app") | .label) == "app\nasg-sg-1\nasg-sg-2\nasg-sg-10\nlogs\nmetrics\nssh\n≡ same members"
[.clusters[].parent] == [null, null]
(.nodes[] | select(.id == "n-asg-instance-1") | [.cluster, .badges, (.interfaces | length)]) == ["c-app", [], 3]
