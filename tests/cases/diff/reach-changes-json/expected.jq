# diff's reachability changes in JSON: the internet's first, then newly
# reachable, changed and no longer reachable pairs, each with before and after
.reachability.evaluated and .reachability.layers == "security groups only"
[.reachability.changes[] | .from.type] | .[0:2] == ["internet", "internet"] and (.[2:] | all(. == "interfaces"))
.reachability.changes[0] | .change == "reachable" and .to.name == "admin (admin-1)" and .ports == "tcp/3389" and .before == "none"
.reachability.changes[1] | .change == "changed" and .to.name == "web (web-1)" and .ports == "tcp/22, tcp/443" and .before == "tcp/443"
[.reachability.changes[] | select(.change == "unreachable")] | length == 1 and .[0].from.name == "app (app-1)" and .[0].to.name == "db (db-1)" and .[0].before == "tcp/5432" and .[0].ports == "none"
[.reachability.changes[] | select(.change == "reachable" and .from.name == "admin (admin-1)")] | length == 1 and .[0].to.name == "db (db-1)"
