# Every kind of resource that has interfaces is a member of its groups.
.interfaces | map({(.id): .kind}) | add == {"Alb": "alb", "Asg": "ec2", "Aurora": "rds", "Build": "other", "Cache": "elasticache", "Classic": "clb", "Cluster": "eks", "Database": "rds", "Endpoint": "endpoint", "Eni": "other", "Function": "lambda", "Instance": "ec2", "Kafka": "other", "Mount": "efs", "Nlb": "nlb", "Search": "other", "Service": "ecs", "UnusedConfig": "ec2"}
.groups | map({(.id): .members}) | add == {"App": ["Alb", "Asg", "Build", "Classic", "Cluster", "Endpoint", "Eni", "Function", "Instance", "Nlb", "UnusedConfig"], "Cluster.ClusterSecurityGroupId": ["Cluster"], "Data": ["Aurora", "Cache", "Database", "Kafka", "Mount", "Search"], "param:ExtraGroups": ["Service"], "sg-0123456789abcdef0": ["Instance"]}
.interfaces | map(select(.id == "Alb"))[0].conditional == true
.interfaces | map(select(.id == "Nlb"))[0].conditional_groups == ["App"]
