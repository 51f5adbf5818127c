locals {
  rules = [{ port = 22, cidrs = ["a", "b"] }, { port = 80, cidrs = ["c"] }]
  one   = { port = 443 }
}
output "full" { value = local.rules[*].port }
output "full_index" { value = local.rules[*].cidrs[0] }
output "attr_splat" { value = local.rules.*.port }
output "single" { value = local.one[*].port }
output "null" { value = null[*] }
