# The same facts as ecs-owner-resolved: the order of the files does not matter.
.interfaces | map(select(.id == "eni-0e000001"))[0] | .label == "prometheus" and .kind == "ecs" and .groups == ["sg-mon"]
.interfaces | map(select(.label == "grafana"))[0] | .kind == "ecs" and .groups == ["sg-mon"]
.groups[0].members | length == 2
