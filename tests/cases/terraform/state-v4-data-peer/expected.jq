# A data source's group is not in the input, but its name labels the peer node.
.nodes == [{"id": "p-sg-0bee", "peer": {"type": "external-group", "id": "sg-0bee"}, "label": "bee", "frame": null}]
.edges | map([.from, .to, .labels]) == [["p-sg-0bee", "c-sg-0app", ["tcp/9999"]]]
