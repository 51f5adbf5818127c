.nodes | map(select(.peer)) | map([.id, .peer]) == [["p-0.0.0.0/0", {"type": "cidr", "id": "0.0.0.0/0", "also": ["::/0"]}]]
# Its one arrow stands for the four rules.
.edges | map([.from, .to, .labels, (.rules | length)]) == [["p-0.0.0.0/0", "c-web", ["tcp/80", "tcp/443"], 4]]
