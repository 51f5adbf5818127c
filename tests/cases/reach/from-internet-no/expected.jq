# db allows nothing from public addresses: one "no", naming what db allows
.answers | length == 1
.answers[0] | .from == {"type": "internet", "id": "internet"} and .answer == "no" and .blocked == "ingress"
.answers[0].reason == "db's ingress allows tcp/5432 only from app, 10.0.9.0/24" or .answers[0].reason == "db's ingress allows tcp/5432 only from 10.0.9.0/24, app"
