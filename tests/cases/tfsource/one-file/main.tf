# One file of a configuration, given alone.
resource "aws_security_group" "a" {
  name = "a"
}
