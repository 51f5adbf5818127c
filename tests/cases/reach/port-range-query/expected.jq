# a query range is intersected with both rules: tcp/8000-8100 meets tcp/8080
. as $d | (.regions | map({(.id): (.interfaces | join(","))}) | add) as $r | [.answers[] | select($r[.to.region] == "app")] | .[0].ports == "tcp/8080"
