# diff PLAN: each "unknown until apply" warning is printed once (expected.err
# holds each exactly once), not once per side; the prior state (empty here)
# has nothing unknown. The planned group is added.
[.groups[] | select(.change == "added")] | map(.id) == ["aws_security_group.app"]
