# One frame, and everything drawn inside it.
.frames | map(.id) == ["v-Vpc"]
[.nodes[] | select(.interfaces) | .frame] == ["v-Vpc", "v-Vpc", "v-Vpc"]
[.clusters[].frame] == ["v-Vpc", "v-Vpc"]
