# app has no egress rule: the AWS default egress allows all; db allows app
. as $d | (.regions | map({(.id): (.interfaces | join(","))}) | add) as $r | [.answers[] | select($r[.from.region // "-"] == "app" and $r[.to.region // "-"] == "db")] | .[0] | .answer == "yes" and .ports == "tcp/5432"
. as $d | (.regions | map({(.id): (.interfaces | join(","))}) | add) as $r | [.answers[] | select($r[.from.region // "-"] == "app" and $r[.to.region // "-"] == "db")] | .[0] as $a | [$d.rules[] | select(.index == $a.egress[0])][0] | .default == true and .label == "all"
. as $d | (.regions | map({(.id): (.interfaces | join(","))}) | add) as $r | [.answers[] | select($r[.from.region // "-"] == "batch" and $r[.to.region // "-"] == "db")] | .[0] | .answer == "yes" and .notes == ["address unknown"]
