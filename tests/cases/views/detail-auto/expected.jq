# More than 300 groups: the group level, said on stderr (expected.err);
# every group one box, every rule between two boxes one arrow.
.detail == "groups"
.clusters == []
[.nodes[] | select(.groups)] | length == 301
[.nodes[] | select(.interfaces)] == []
.edges | length == 301
