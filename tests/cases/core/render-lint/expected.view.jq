# The findings are notes on what they are about: the rule-named group's
# cluster and the SSH arrow open to the internet; the reviewed group has none.
.clusters | map(select(.id == "c-allow-ssh"))[0].notes | length == 1 and (.[0] | startswith("warning: [rule-named-group]"))
.edges | map(select(.from == "p-0.0.0.0/0"))[0].notes | length == 1 and (.[0] | startswith("error: [open-admin-port]"))
[.clusters[], .nodes[], .edges[] | select(.notes)] | length == 2
