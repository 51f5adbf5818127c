# an address outside the inputs, in the operators' subnet: db's ingress only
.answers | length == 1
.answers[0] | .from == {"type": "cidr", "id": "10.0.9.7/32"} and .answer == "yes" and .ports == "tcp/5432"
.answers[0] | .egress == [] and (.notes | index("source outside the inputs")) != null
