# A nested stack's parameters pass the parent's groups down: the database
# admits the parent's bastion group; an unrelated template stays apart.
.rules | map(select(.group == "DbSg" and .direction == "ingress")) | map([.label, .peer.type, .peer.id]) == [["tcp/5432", "group", "Bastion"]]
.interfaces | map([.id, .kind, .groups]) == [["Database", "rds", ["DbSg"]]]
.groups | map(.id) == ["Bastion", "DbSg", "Web"]
