# Every error is reported at its line:col, and one does not hide the others.
locals {
  m = { a = 1 }
}
output "missing_key" { value = local.m["b"] }
output "missing_attr" { value = local.m.b }
output "bad_index" { value = [1, 2][5] }
output "unknown_fn" { value = nosuch(1) }
output "arity" { value = length(1, 2) }
output "undeclared" { value = var.nope }
output "null_interp" { value = "x${null}" }
output "bad_arith" { value = "a" + 1 }
output "bad_type" { value = upper([1]) }
resource "aws_security_group" "r" {
  name = local.nope
  description = "kept"
}
output "for_each_list" { value = 1 }
resource "aws_security_group" "e" {
  for_each = ["a"]
}
