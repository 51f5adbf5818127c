resource aws_security_group "quoted_and_bare" { name = "a" }
resource "aws_security_group" "nested" {
  name = "b"
  ingress {
    from_port = 1
    to_port = 2
    protocol = "tcp"
  }
  ingress { from_port = 3 }
  egress {}
}
