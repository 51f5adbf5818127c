# GroupName names a group; a membership by a name no group has stays an undeclared group.
.groups | map([.id, .name, .declared]) == [["Admin", "admin-hosts", true], ["Legacy", "legacy-name", true], ["not-in-template", "not-in-template", false]]
.rules | map(select(.direction == "ingress")) | map([.group, .peer.id]) == [["Admin", "Legacy"], ["Legacy", "Admin"]]
.interfaces | map([.id, .groups]) == [["Hosts", ["Admin"]], ["Web", ["Legacy", "not-in-template"]]]
