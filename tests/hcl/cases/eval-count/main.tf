variable "ports" { default = [22, 80] }
resource "aws_security_group" "web" {
  count = 2
  name  = "web-${count.index}"
}
resource "aws_security_group_rule" "in" {
  count             = length(var.ports)
  type              = "ingress"
  from_port         = var.ports[count.index]
  to_port           = var.ports[count.index]
  protocol          = "tcp"
  security_group_id = aws_security_group.web[count.index].id
  description       = aws_security_group.web[count.index].name
}
resource "aws_security_group" "none" {
  count = 0
  name  = "never"
}
output "names" { value = aws_security_group.web[*].name }
output "none" { value = length(aws_security_group.none) }
