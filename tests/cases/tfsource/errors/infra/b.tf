resource "aws_security_group" "b" {
  name = "b"
  ingress {
    from_port = 22 +
  }
}
