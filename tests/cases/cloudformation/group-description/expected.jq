# GroupDescription: a literal, an intrinsic shown as its source text, or absent.
.groups | map({(.id): .description}) | add == {"Joined": "!Join [' ', ['Game servers of', !Ref Env]]", "Literal": "Monitoring scrapers", "Missing": null, "Substituted": "!Sub 'Load balancers of ${AWS::StackName}'"}
