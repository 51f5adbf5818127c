# The same for the long forms of a JSON template.
.rules | map(select(.peer.type == "expression")) | map([.label, .peer.id]) == [["tcp/80", "!GetAtt [Web]"], ["tcp/443", "!If 5"], ["tcp/22", "!Ref [Web]"], ["tcp/8443", "!Select [0]"]]
