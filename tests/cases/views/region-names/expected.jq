# One region node per kind and groups, whatever the owners: named by its
# names when they are few, by two and a count when more than three.
[.nodes[] | select(.interfaces) | .interfaces | length] == [2, 1, 4]
[.nodes[] | select(.interfaces) | .label] == ["job-1, job-2", "job-3", "worker-a, worker-b and 2 more"]
(.nodes[] | select(.id == "n-worker-a")) | .names == ["worker-a", "worker-b", "worker-c", "worker-d"]
