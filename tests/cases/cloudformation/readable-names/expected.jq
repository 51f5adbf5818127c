# CloudFormation expressions get names a person reads, in Fn::Sub's own
# notation, while ids keep the source text (for tooltips and JSON): an
# imported VPC is "${ParentVPCStack}-VPC (imported)", a VPC of the template
# is named by its Name tag (its id stays the logical id) and keeps its CIDR,
# and an imported peer group reads "${StackName}:LoadBalancerSecurityGroup
# (imported)".
.vpcs == [{"id": "Network", "name": "${AWS::StackName}-vpc", "cidrs": ["10.1.0.0/16"]}, {"id": "import:!Sub '${ParentVPCStack}-VPC'", "name": "${ParentVPCStack}-VPC (imported)", "cidrs": []}]
.groups | map([.id, .vpc]) == [["AppSecurityGroup", "import:!Sub '${ParentVPCStack}-VPC'"], ["DatabaseSecurityGroup", "Network"]]
.rules[0].peer == {"type": "import", "id": "import:!Join [:, [!Ref StackName, LoadBalancerSecurityGroup]]"}
