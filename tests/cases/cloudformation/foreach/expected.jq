# A Fn::ForEach loop of resources is not expanded; the other resources are drawn.
.groups | map(.id) == ["Kept"]
