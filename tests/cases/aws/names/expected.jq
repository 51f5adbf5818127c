# VPCs, subnets and prefix lists name the CIDRs and lists of rules: a VPC's
# Name tag, a subnet's Name tag or id, an AWS-managed list's service; a
# disassociated VPC CIDR is not the VPC's.
.frames == [{"id": "v-vpc-0a000000000000001", "vpc": "vpc-0a000000000000001", "label": "VPC game-production (vpc-0a000000000000001)"}]
.nodes | map(select(.peer)) | map({(.peer.id): .label}) | add == {"10.0.0.0/16": "game-production", "10.0.1.0/24": "private-a", "10.0.2.0/24": "subnet-0a000000000000002", "10.1.0.0/16": null, "pl-63a5400a": "S3 (us-east-1)"}
