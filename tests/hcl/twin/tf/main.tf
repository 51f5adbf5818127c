variable "env" {
  type    = string
  default = "prod"
}
variable "ports" {
  type    = list(number)
  default = [80, 443]
}
locals {
  prefix = "${var.env}-web"
}
data "aws_vpc" "main" {
  default = true
}
resource "aws_security_group" "lb" {
  name        = local.prefix
  description = "load balancer"
  vpc_id      = data.aws_vpc.main.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  dynamic "egress" {
    for_each = var.ports
    content {
      from_port       = egress.value
      to_port         = egress.value
      protocol        = "tcp"
      security_groups = [aws_security_group.app.id]
    }
  }
}
resource "aws_security_group" "app" {
  name   = "${local.prefix}-app"
  vpc_id = data.aws_vpc.main.id
}
resource "aws_security_group_rule" "app_in" {
  count                    = length(var.ports)
  type                     = "ingress"
  from_port                = var.ports[count.index]
  to_port                  = var.ports[count.index]
  protocol                 = "tcp"
  security_group_id        = aws_security_group.app.id
  source_security_group_id = aws_security_group.lb.id
}
resource "aws_instance" "app" {
  for_each               = toset(["a", "b"])
  ami                    = "ami-1"
  vpc_security_group_ids = [aws_security_group.app.id]
  tags                   = { Name = "app-${each.key}" }
}
output "lb_name" {
  value = aws_security_group.lb.name
}
