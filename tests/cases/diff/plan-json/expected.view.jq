# The same marks in the drawing: on clusters, nodes (a CIDR reached only by
# removed rules is removed) and edges, whose labels carry + − ~ signs.
.clusters | map([.id, .change]) == [["c-aws_security_group.app", "changed"], ["c-aws_security_group.monitoring", "added"], ["c-sg-0b000000000000002", null], ["c-sg-0b000000000000003", "removed"]]
.nodes | map(select(.change)) | map([.id, .change]) == [["n-aws_ecs_service.prometheus", "added"], ["n-aws_instance.game~5B2~5D", "added"], ["p-203.0.113.0/24", "removed"]]
.edges | map(select(.from == "p-0.0.0.0/0"))[0] | .labels == ["+tcp/80", "~tcp/443"] and .change == "changed"
.edges | map(select(.change == "removed")) | map(.labels) == [["−tcp/22"], ["−tcp/22"]]
.legend | map(.style) == ["added", "removed", "changed", "unchanged"]
