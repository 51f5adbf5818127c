# web cannot reach db on tcp/5432, and both sides say so
.answers | length == 1
.answers[0] | .answer == "no" and .reachable == false and .ports == "none" and .blocked == "both"
.answers[0].reason == "web's egress allows tcp/5432 only to app; db's ingress allows tcp/5432 only from 10.0.9.0/24, app"
.answers[0] | .egress == [] and .ingress == []
.summary.reachable == 0
