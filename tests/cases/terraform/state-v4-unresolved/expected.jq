# Rules without a peer or a group are warned about and not drawn; the rest is.
.rules | map([.group, .label, .peer.id]) == [["sg-1", "tcp/8443", "10.0.0.0/8"]]
