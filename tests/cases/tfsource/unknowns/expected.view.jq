# The stubs are labelled by the data source's name filter and the module's source.
[.nodes[] | select(.peer.type == "external-group") | [.peer.id, .label]] == [["data.aws_security_group.shared", "shared-services"], ["module.lb_sg", "terraform-aws-modules/security-group/aws"]]
