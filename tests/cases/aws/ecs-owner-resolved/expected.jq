# describe-tasks names the attachment's service: the ENI is prometheus's alone;
# grafana (no task in the dump) stays a member of its own.
.interfaces | map(select(.id == "eni-0e000001"))[0] | .label == "prometheus" and .kind == "ecs" and .groups == ["sg-mon"]
.interfaces | map(select(.label == "grafana"))[0] | .kind == "ecs" and .groups == ["sg-mon"]
.groups[0].members | length == 2
