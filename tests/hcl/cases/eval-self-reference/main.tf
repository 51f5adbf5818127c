# A resource that refers to itself is a cycle, as in Terraform. With count
# or for_each its value is a list or map still being filled when the cycle
# is met: it must not be read (fuzz_hcl found a for_each one reading a map
# whose keys were not set yet).
resource "aws_security_group" "a" {
  count = 2
  name  = "x-${aws_security_group.a[1].name}"
}
resource "aws_security_group" "b" {
  description = aws_security_group.b.name
}
resource "aws_security_group" "c" {
  for_each = toset(["a", "b"])
  name     = aws_security_group.c["b"].id
}
