# Three findings of three severities: each on its object, and the legend
# names a colour for each severity, the highest first.
[.legend[] | select(.style == "finding") | .severity] == ["error", "warning", "note"]
.edges | map(select(.id == "e-flow-p-0.0.0.0/0,c-bastion"))[0].notes[0] | startswith("error: [open-admin-port]")
.clusters | map(select(.id == "c-app"))[0].notes[0] | startswith("warning: [group-description]")
.edges | map(select(.id == "e-flow-p-10.0.1.0/24,c-db"))[0].notes[0] | startswith("note: [covered-rule]")
[.clusters[], .nodes[], .edges[] | select(.notes)] | length == 3
