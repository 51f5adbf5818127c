# The frames and the imported peer are titled readably.
.frames | map(.label | contains("${ParentVPCStack}-VPC (imported)")) == [false, true]
.frames | map(.label | contains("${AWS::StackName}-vpc")) == [true, false]
.nodes | map(select(.peer.type == "import") | .label) == ["${StackName}:LoadBalancerSecurityGroup (imported)"]
