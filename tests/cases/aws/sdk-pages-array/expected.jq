# An array of SDK pages is read page by page.
.groups | map([.id, .name]) == [["sg-0a000000000000001", "web"], ["sg-0a000000000000002", "db"]]
.rules | map([.group, .label, .peer.id]) == [["sg-0a000000000000001", "tcp/443", "0.0.0.0/0"], ["sg-0a000000000000002", "tcp/5432", "sg-0a000000000000001"]]
