# !ImportValue of another template's export is that template's group; one no
# template exports stays an import peer.
.rules | map(select(.group == "App" and .direction == "ingress")) | map([.label, .peer.type, .peer.id]) == [["tcp/8443", "group", "Lb"], ["tcp/9999", "import", "import:monitoring-group"]]
.groups | map([.id, .vpc]) == [["App", "Vpc"], ["Db", "Vpc"], ["Lb", "Vpc"]]
.interfaces | map([.id, .groups]) == [["Migrate", ["Db"]], ["Server", ["App"]]]
