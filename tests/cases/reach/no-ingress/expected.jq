# monitor's default egress allows icmp/3, app's ingress does not
.answers | length == 2 and all(.[]; .answer == "no" and .blocked == "ingress")
all(.answers[]; .reason == "app's ingress allows nothing on icmp/3")
