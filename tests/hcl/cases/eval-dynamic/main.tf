variable "ingress" {
  default = [
    { port = 22, cidrs = ["10.0.0.0/8"] },
    { port = 443, cidrs = ["0.0.0.0/0"] },
  ]
}
variable "egress" {
  default = { all = "0.0.0.0/0" }
}
resource "aws_security_group" "web" {
  name = "web"
  ingress {
    from_port = 80
    to_port   = 80
    protocol  = "tcp"
  }
  dynamic "ingress" {
    for_each = var.ingress
    content {
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = ingress.value.cidrs
      description = "rule ${ingress.key}"
    }
  }
  dynamic "egress" {
    for_each = var.egress
    iterator = e
    content {
      from_port   = 0
      to_port     = 0
      protocol    = "-1"
      cidr_blocks = [e.value]
      description = e.key
    }
  }
}
