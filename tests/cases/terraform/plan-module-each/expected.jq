# each.key of a module call passed through a variable picks each instance's own group.
.interfaces | map([.id, .groups]) == [["module.m[\"a\"].aws_instance.i", ["aws_security_group.x[\"a\"]"]], ["module.m[\"b\"].aws_instance.i", ["aws_security_group.x[\"b\"]"]]]
