resource "aws_security_group" "a" {
  name = "a"
  description = "d"
  name = "b"
}
