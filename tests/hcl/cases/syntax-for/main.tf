locals {
  ports = [22, 80, 443]
  rules = { ssh = 22, http = 80, https = 443 }
}
output "tuple_for" { value = [for p in local.ports : p * 2] }
output "tuple_for_if" { value = [for i, p in local.ports : "${i}=${p}" if p != 80] }
output "object_for" { value = { for k, v in local.rules : v => k } }
output "object_for_if" { value = { for k, v in local.rules : k => v if v > 22 } }
output "grouping" { value = { for p in local.ports : (p > 50 ? "high" : "low") => p... } }
output "over_map_values" { value = [for v in local.rules : v] }
output "nested" { value = [for a in [1, 2] : [for b in [10, 20] : a + b]] }
