# The same 301 groups, a focus on nine of them: few enough for regions,
# chosen without a note; g010, the neighbour of the focus, is a stub.
.detail == "regions"
.clusters | length == 9
[.nodes[] | select(.stub) | .id] == ["h-g010"]
