# A newer format version is read as 1.x (with a warning).
.groups | map([.id, .name]) == [["sg-0a", "app"]]
