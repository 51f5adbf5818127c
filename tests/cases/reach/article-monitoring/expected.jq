# The article's network: monitoring reaches the game servers on tcp/9999 only
.answers | length == 1
. as $d | (.regions | map({(.id): (.groups | join("+"))}) | add) as $r | .answers[0] | $r[.to.region] == "game-servers-production" and .ports == "tcp/9999" and .answer == "yes"
# by its own egress rule (it has no default egress) and the game servers' ingress from monitoring
. as $d | (.regions | map({(.id): (.groups | join("+"))}) | add) as $r | .answers[0] as $a | [$d.rules[] | select(.index == $a.egress[0])][0] | .group == "monitoring" and .peer.id == "game-servers-production" and (.default | not)
. as $d | (.regions | map({(.id): (.groups | join("+"))}) | add) as $r | .answers[0] as $a | [$d.rules[] | select(.index == $a.ingress[0])][0] | .group == "game-servers-production" and .peer.id == "monitoring"
