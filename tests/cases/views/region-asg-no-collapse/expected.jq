# --no-collapse (--detail interfaces): each interface of the Auto Scaling
# group is a node of its own.
.detail == "interfaces"
[.nodes[] | select(.interfaces) | .interfaces] == [["eni-0b0000000000000001"], ["eni-0b0000000000000002"], ["eni-0b0000000000000003"], ["eni-0b0000000000000004"]]
[.nodes[] | select(.interfaces) | .label] == ["web-asg", "web-asg", "web-asg", "admin-box"]
