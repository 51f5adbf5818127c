locals {
  a = local.b
  b = "${local.a}-x"
}
output "a" { value = local.a }
