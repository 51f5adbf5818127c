# --var wins over --var-file, which wins over the variable's default.
.rules | map(select(.label == "tcp/22") | .peer.id) == ["203.0.113.0/24"]
