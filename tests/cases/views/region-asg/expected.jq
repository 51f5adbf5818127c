# Three instances of one Auto Scaling group (different owners, one Name
# tag) in the same group: one region node named after the tag, x3; the
# fourth, also in admin, is a region of its own.
.detail == "regions"
[.nodes[] | select(.interfaces)] | length == 2
(.nodes[] | select(.id == "n-eni-0b0000000000000001")) | .interfaces == ["eni-0b0000000000000001", "eni-0b0000000000000002", "eni-0b0000000000000003"]
(.nodes[] | select(.id == "n-eni-0b0000000000000001")) | .label == "web-asg" and .names == ["web-asg", "web-asg", "web-asg"]
(.nodes[] | select(.id == "n-eni-0b0000000000000004")) | .interfaces == ["eni-0b0000000000000004"] and .label == "admin-box"
