# Attributes AWS assigns (id) and data sources are unknown; configured
# attributes of another resource are known.
data "aws_vpc" "main" {
  tags = { Name = "main" }
}
resource "aws_security_group" "lb" {
  name   = "lb"
  vpc_id = data.aws_vpc.main.id
}
resource "aws_security_group" "app" {
  name        = "app"
  description = "reached from ${aws_security_group.lb.name}"
  vpc_id      = aws_security_group.lb.vpc_id
  ingress {
    from_port       = 8080
    to_port         = 8080
    protocol        = "tcp"
    security_groups = [aws_security_group.lb.id]
  }
}
output "data_tag" { value = data.aws_vpc.main.tags.Name }
