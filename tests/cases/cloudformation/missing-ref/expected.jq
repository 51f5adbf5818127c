# A !Ref or !GetAtt that names nothing is drawn as its text (with a warning).
.rules | map(select(.direction == "ingress")) | map([.label, .peer.type, .peer.id]) == [["tcp/80", "expression", "!GetAtt Missing.GroupId"], ["tcp/443", "expression", "!Ref LoadBalancerGroup"]]
