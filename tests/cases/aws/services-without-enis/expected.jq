# Each service resource is one interface of its kind in its groups; a Lambda
# without VpcConfig and a terminated instance are not drawn. A resource is
# known by its kind and name, its ARN kept apart (no label carries an ARN).
.interfaces | map([.id, .kind, .groups]) == [["alb:game-alb", "alb", ["sg-lb"]], ["ecs:prometheus", "ecs", ["sg-mon"]], ["elasticache:other-cache", "elasticache", ["sg-cache"]], ["elasticache:sessions-0001-001", "elasticache", ["sg-cache"]], ["i-0aaa", "ec2", ["sg-web"]], ["i-0bbb", "ec2", ["sg-web"]], ["lambda:resize-images", "lambda", ["sg-fn"]], ["lambda:thumbs", "lambda", ["sg-fn"]], ["nlb:other-nlb", "nlb", []], ["rds:aurora-1", "rds", ["sg-aurora"]], ["rds:orders-db", "rds", ["sg-db"]]]
.interfaces | map(select(.arn)) | map([.id, .label, .arn]) == [["alb:game-alb", "game-alb", "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/game-alb/50dc6c495c0c9188"], ["nlb:other-nlb", "other-nlb", "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/net/other-nlb/1"]]
.interfaces | all(.label | startswith("arn:") | not)
