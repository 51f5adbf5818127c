# --var-file wins over the variable's default.
.rules | map(select(.label == "tcp/22") | .peer.id) == ["192.0.2.0/24"]
