# web reaches the internet on tcp/80 through its egress rule to 0.0.0.0/0
.answers | length == 1 and .[0].to == {"type": "internet", "id": "0.0.0.0/0"} and .[0].ports == "tcp/80"
