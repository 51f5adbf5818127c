# A bare version 4 state (no show -json wrapper) is read.
.groups | map([.id, .name, .members]) == [["sg-1", "web", ["aws_instance.web"]]]
.rules | map([.group, .label, .peer.id, .description]) == [["sg-1", "tcp/443", "0.0.0.0/0", "HTTPS"]]
