# The admin host leaves the db group (changed; the union keeps both
# memberships) and the replica is gone (removed); groups and rules are unchanged.
.interfaces | map(select(.change)) | map([.id, .change, .groups]) == [["admin-host", "changed", ["app", "db"]], ["db-replica", "removed", ["db"]]]
[.groups[], .rules[] | select(.change)] == []
