variable "groups" {
  default = {
    web = { port = 443 }
    db  = { port = 5432 }
  }
}
resource "aws_security_group" "g" {
  for_each = var.groups
  name     = each.key
  tags     = { Port = each.value.port }
}
resource "aws_security_group" "s" {
  for_each = toset(["b", "a"])
  name     = "${each.key}-${each.value}"
}
output "ids" { value = { for k, g in aws_security_group.g : k => g.name } }
output "s" { value = aws_security_group.s["a"].name }
