# Reordering groups, rules and interfaces is no change: no mark anywhere.
[.. | objects | select(has("change"))] == []
.rules | length == 8
