# --group matches the AWS GroupName of a group a Name tag names.
.clusters | map([.id, .label]) == [["c-sg-0a000000000000001", "web-servers-production (web)"]]
