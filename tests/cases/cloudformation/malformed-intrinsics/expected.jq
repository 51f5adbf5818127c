# Malformed intrinsics are warned about and drawn as their source text; a
# rule whose port is not literal is not drawn; an undefined condition still makes a group conditional.
.rules | map(select(.peer.type == "expression")) | map([.label, .peer.id]) == [["tcp/8080", "!GetAtt NoDot"], ["tcp/9999", "!If 5"], ["tcp/80", "!If IsProd"], ["tcp/443", "!If [IsProd, sg-0123456789abcdef0]"], ["tcp/5432", "!ImportValue [a]"], ["tcp/22", "!Ref [x]"]]
.groups | map(select(.id == "Extra"))[0].conditional == true
.rules | map(select(.group == "Web" and .direction == "ingress")) | length == 8
