# A rename (an earlier draft of the samples' stages 2 and 3, kept here as
# before.yaml and after.yaml): 'metrics' becomes
# 'game-servers-and-prometheus-production' with the same members and rules.
# One changed group, probably renamed; no group added or removed, no
# membership moved, no rule changed.
[.groups[] | select(.change)] | length == 1
[.groups[] | select(.change)][0] | .id == "game-servers-and-prometheus-production" and .change == "changed" and .old_name == "metrics" and .probable_rename == true
[.interfaces[] | select(.change)] | length == 0
[.rules[] | select(.change)] | length == 0
