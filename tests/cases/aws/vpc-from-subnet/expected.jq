# An ECS service names its subnets, not its VPC: describe-subnets tells the
# subnet's VPC, so the service's interface is in vpc-0game, and so is its
# group (known only by id). Its label is its name; its ARN is kept apart.
# describe-vpcs gives the VPC's name and its own CIDRs, IPv4 and IPv6.
.interfaces == [{"id": "ecs:prometheus", "kind": "ecs", "label": "prometheus", "vpc": "vpc-0game", "subnet": "subnet-0aaa", "arn": "arn:aws:ecs:eu-west-1:111111111111:service/game/prometheus", "groups": ["sg-mon"], "source": "services.json: services[0]"}]
.groups | map([.id, .vpc]) == [["sg-mon", "vpc-0game"]]
.vpcs == [{"id": "vpc-0game", "name": "game-production", "cidrs": ["10.0.0.0/16", "2001:db8:1234:1a00::/56"]}]
