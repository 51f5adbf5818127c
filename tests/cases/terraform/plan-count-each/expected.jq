# count and for_each instances are separate groups and members, each with its own rules.
.groups | map([.id, .name]) == [["aws_security_group.x[\"a\"]", "x-a"], ["aws_security_group.x[\"b\"]", "x-b"], ["aws_security_group.z[0]", "z-0"], ["aws_security_group.z[1]", "z-1"], ["sg-0c0", "c-0"], ["sg-0c1", "c-1"]]
.interfaces | map([.id, .groups]) == [["aws_instance.i[\"a\"]", ["aws_security_group.x[\"a\"]"]], ["aws_instance.i[\"b\"]", ["aws_security_group.x[\"b\"]"]]]
.rules | map([.group, .label, .peer.id]) == [["aws_security_group.z[0]", "tcp/22", "10.0.0.0/8"], ["aws_security_group.z[1]", "tcp/22", "10.0.0.0/8"], ["sg-0c0", "tcp/443", "10.1.0.0/16"], ["sg-0c1", "tcp/443", "10.2.0.0/16"]]
