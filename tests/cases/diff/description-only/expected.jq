# Only descriptions changed: those groups and rules are "changed", with what
# they were (an absent description was ""); nothing is added or removed.
.groups | map([.id, .change, .old_description]) == [["bastion", "changed", ""], ["monitoring", "changed", "Prometheus"]]
.rules | map(select(.change)) | map([.group, .label, .change, .old_description]) == [["bastion", "tcp/22", "changed", ""], ["monitoring", "tcp/9999", "changed", "scrape"]]
[.. | objects | select(.change == "added" or .change == "removed")] == []
