# Conditions: a conditional group, conditional interfaces and memberships,
# and rules that hold only if a condition does.
.groups | map(select(.id == "Debug"))[0].conditional == true
.groups | map(select(.conditional)) | map(.id) == ["Debug"]
.interfaces | map({(.id): [.conditional, .conditional_groups]}) | add == {"Server": [null, ["Blue", "Green"]], "Tracer": [true, null], "Worker": [null, ["Debug"]]}
.rules | map(select(.conditional)) | map([.group, .direction, .label]) == [["Debug", "ingress", "tcp/22"], ["Debug", "ingress", "tcp/2345"], ["Debug", "egress", "all"]]
