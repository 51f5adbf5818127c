c = "auto-1"
d = "auto-1"
e = "auto-1"
