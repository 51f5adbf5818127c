# The article's network: the game servers reach nothing in the VPC except by
# default egress (lb-game-production's tcp/80 and tcp/443 from 0.0.0.0/0), and
# the internet by it
.answers | length == 2
. as $d | (.regions | map({(.id): (.groups | join("+"))}) | add) as $r | [.answers[] | select(.to.type == "interfaces")] | length == 1 and ($r[.[0].to.region] == "lb-game-production") and .[0].ports == "tcp/80, tcp/443"
[.answers[] | select(.to.type == "internet")] | length == 1 and .[0].to.id == "0.0.0.0/0" and .[0].ports == "all"
# every reason on the source side is the default egress
. as $d | [.answers[].egress[] as $i | $d.rules[] | select(.index == $i) | .default] | length > 0 and all(.[]; . == true)
