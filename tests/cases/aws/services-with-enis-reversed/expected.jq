# The same facts as services-with-enis: the order of the files does not matter.
.interfaces | map(select(.id | startswith("eni-"))) | map({(.id): .label}) | add | .["eni-00000001"] == "game-1" and .["eni-00000007"] == "prometheus" and .["eni-0000000d"] == "orders-db" and .["eni-0000000e"] == "sessions-0001-001" and .["eni-00000006"] == "resize-images"
.interfaces | map(select(.id | startswith("eni-") | not)) | map(.id) == ["elasticache:other-cache", "i-0bbb", "lambda:thumbs", "nlb:other-nlb", "rds:aurora-1"]
.groups | map(select(.id == "sg-aurora"))[0].members == ["rds:aurora-1"]
.interfaces | length == 26
