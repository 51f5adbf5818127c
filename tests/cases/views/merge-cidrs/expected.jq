# --merge-cidrs folds CIDRs into named ranges: the admin subnet into the
# VPC's CIDR (named after it), the office address into public addresses.
.nodes | map(select(.peer)) | map([.id, .label]) == [["p-0.0.0.0/0", null], ["p-10.20.0.0/16", "shop"], ["p-public", "public addresses"]]
.edges | map(select(.to == "c-web" and .style == "flow")) | map([.from, .labels]) == [["c-lb", ["tcp/8080"]], ["p-10.20.0.0/16", ["tcp/22"]], ["p-public", ["tcp/22"]]]
# The VPC's own CIDR is drawn inside its frame, the others outside.
.nodes | map(select(.peer)) | map([.id, .frame]) == [["p-0.0.0.0/0", null], ["p-10.20.0.0/16", "v-shop"], ["p-public", null]]
