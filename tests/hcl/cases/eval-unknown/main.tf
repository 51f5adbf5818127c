# An unknown value (a data source's id) propagates through operators,
# templates, conditionals and functions, and never becomes known.
data "aws_vpc" "v" {}
locals {
  id = data.aws_vpc.v.id
}
output "template" { value = "sg-${local.id}" }
output "op" { value = local.id == "x" }
output "cond" { value = local.id != "" ? "a" : "b" }
output "list" { value = ["known", local.id] }
output "length" { value = length(["known", local.id]) }
output "join" { value = join(",", ["known", local.id]) }
output "concat" { value = concat(["known"], [local.id]) }
output "coalesce" { value = coalesce(local.id, "x") }
output "try" { value = try(local.id, "x") }
output "for" { value = [for s in ["a", local.id] : upper(s)] }
