# The article's network: the ALB reaches the game servers on tcp/8443, by group on both sides
.answers | length == 1 and .[0].answer == "yes" and .[0].ports == "tcp/8443"
.answers[0] | .ipv4 == "tcp/8443" and .ipv6 == "tcp/8443" and .notes == ["address unknown"]
