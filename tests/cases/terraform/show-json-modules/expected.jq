# terraform show -json of a state with nested modules and for_each/count instances.
.interfaces | map([.id, .label, .groups]) == [["module.game.module.fleet[\"blue\"].aws_instance.this[0]", "game-blue-0", ["sg-0g1"]], ["module.game.module.fleet[\"blue\"].aws_instance.this[1]", "game-blue-1", ["sg-0g1"]]]
.rules | map([.group, .direction, .label, .peer.id]) == [["sg-0g1", "ingress", "tcp/9999", "sg-0m1"], ["sg-0m1", "egress", "tcp/9999", "sg-0g1"]]
