# Intrinsics with static values (parameter defaults, mappings, !Sub without
# parameters, !Select) resolve to CIDRs and ports; one that depends on input stays text.
.rules | map(select(.group == "App" and .direction == "ingress")) | map([.label, .peer.type, .peer.id]) == [["tcp/6000", "expression", "!Sub '10.${Env}.0.0/16'"], ["tcp/22", "cidr", "10.8.0.0/16"], ["tcp/9999", "cidr", "10.9.0.0/16"], ["tcp/22", "cidr", "203.0.113.0/24"], ["tcp/5000", "group", "Lb"], ["tcp/8443", "group", "Lb"]]
