# --hide-cidrs draws no CIDR nodes except the internet.
.nodes | map(select(.peer)) | map(.id) == ["p-0.0.0.0/0"]
.edges | length == 7
