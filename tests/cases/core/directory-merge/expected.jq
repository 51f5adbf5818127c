# A directory is read as its *.yaml and *.yml files in name order (notes.txt
# is skipped): groups from one file, interfaces from another, one network.
.groups | map([.id, .members, .source]) == [["api", ["api-1", "api-2", "api-3"], "net/a-groups.yaml:2:3"]]
.interfaces | map([.id, .kind, .groups]) == [["api-1", "lambda", ["api"]], ["api-2", "lambda", ["api"]], ["api-3", "lambda", ["api"]]]
.rules | map([.group, .label, .peer.id, .description]) == [["api", "tcp/443", "192.0.2.0/24", "Partner network"]]
