# A finding about a .tf input is a SARIF region on the .tf line that wrote
# it (here the rule's peer, cidr_ipv4 at main.tf:12:3), the file relative to
# the repository, so that code scanning annotates the pull request's diff.
.runs[0].results | map(.ruleId) == ["open-admin-port"]
.runs[0].results[0].locations[0].physicalLocation == {"artifactLocation": {"uri": "infra/main.tf", "uriBaseId": "%SRCROOT%"}, "region": {"startLine": 12, "startColumn": 3}}
