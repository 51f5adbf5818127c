variable "name" { type = string }
variable "vpc_id" { type = string }
variable "ports" {
  type    = list(number)
  default = []
}
resource "aws_security_group" "this" {
  name   = "${var.name}-sg"
  vpc_id = var.vpc_id
  dynamic "ingress" {
    for_each = var.ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}
output "id" { value = aws_security_group.this.id }
output "name" { value = aws_security_group.this.name }
