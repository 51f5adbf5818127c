resource "aws_security_group" "a" {
  name = "open
}
