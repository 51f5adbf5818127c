data "aws_vpc" "v" {}
resource "aws_security_group" "a" {
  count = length(data.aws_vpc.v.cidr_block_associations)
}
resource "aws_security_group" "b" {
  count = 10001
}
