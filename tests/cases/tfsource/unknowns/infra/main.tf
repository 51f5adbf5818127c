# Values only terraform apply (or a plan with credentials) knows.
data "aws_security_group" "shared" {
  name = "shared-services"
}

module "lb_sg" {
  source = "terraform-aws-modules/security-group/aws"
  name   = "lb"
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_security_group" "app" {
  name        = "app"
  description = "Application servers"
  vpc_id      = aws_vpc.main.id

  # The peer is a group looked up by a data source: a stub named by it.
  ingress {
    from_port       = 8080
    to_port         = 8080
    protocol        = "tcp"
    security_groups = [data.aws_security_group.shared.id]
  }

  # The peer is a registry module's output: a stub named by its source.
  ingress {
    from_port       = 443
    to_port         = 443
    protocol        = "tcp"
    security_groups = [module.lb_sg.security_group_id]
  }
}

# The VPC's CIDR is in the configuration; its IPv6 block is known after
# apply: an expression peer.
resource "aws_security_group_rule" "app_from_vpc" {
  type              = "ingress"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  security_group_id = aws_security_group.app.id
  cidr_blocks       = [aws_vpc.main.cidr_block]
  ipv6_cidr_blocks  = [aws_vpc.main.ipv6_cidr_block]
}
