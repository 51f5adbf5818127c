# A folder of collected responses (sgmap-collect) holds some that sgmap does
# not use: ECS's camelCase list-clusters, EKS's camelCase describe-cluster,
# EC2's NAT gateways. Each is skipped with a note (expected.err) and the
# rest is drawn, exit status 0.
.groups | map(.id) == ["sg-game"]
.rules | map([.group, .direction, .label, .peer.id]) == [["sg-game", "ingress", "tcp/8443", "10.0.1.10/32"]]
