# References that cannot be resolved are warned about and not drawn; the
# memberships that can be are.
.groups | map(.id) == ["aws_security_group.app"]
.interfaces | map([.id, .groups]) == [["aws_instance.half", ["aws_security_group.app"]]]
.rules == []
