# A nested stack gets its parameters from the parent: groups, a group id and
# a CIDR parameter with its default; a parameter the child lacks is warned about.
.rules | map(select(.group == "AppSg" and .direction == "ingress")) | map([.label, .peer.type, .peer.id, .peer.name]) == [["tcp/8443", "group", "WebSg", null], ["tcp/22", "param", "param:AdminCidr", "AdminCidr (default 10.9.0.0/16)"]]
.interfaces | map([.id, .kind, .groups]) == [["Lb", "alb", ["WebSg"]], ["Server", "ec2", ["AppSg"]], ["Sidecar", "ecs", ["WebSg", "sg-0123456789abcdef0"]]]
.groups | map(select(.id == "WebSg"))[0].name == "lb-game-production"
