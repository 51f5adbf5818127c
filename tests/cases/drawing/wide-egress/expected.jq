# Rules (-f json): 2-5 db's ingress from app, batch, etl, part; 1 batch's
# egress to 0.0.0.0/0, 6 etl's to 10.0.0.0/16, 7 part's to 10.0.3.0/24.
.edges | map(select(.to == "c-db")) | map([.from, .style, .labels, .rules]) == [["c-app", "flow", ["tcp/5432"], [2]], ["c-batch", "flow", ["tcp/5432"], [1, 3]], ["c-etl", "flow", ["tcp/5432"], [4, 6]], ["c-part", "ingress-only", ["tcp/5432"], [5]]]
