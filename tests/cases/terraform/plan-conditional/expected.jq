# A reference that is unknown until apply and names two groups (a conditional
# expression): both are drawn, each membership and rule marked conditional.
.interfaces | map(select(.id == "aws_instance.app"))[0] | .groups == ["aws_security_group.blue", "aws_security_group.green"] and .conditional_groups == ["aws_security_group.blue", "aws_security_group.green"]
.interfaces | map(select(.id == "aws_instance.both"))[0] | .conditional_groups == null
.rules | map([.group, .label, .peer.id, .conditional]) == [["aws_security_group.blue", "tcp/8443", "sg-0lb", true], ["aws_security_group.green", "tcp/8443", "sg-0lb", true]]
