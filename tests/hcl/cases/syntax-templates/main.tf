variable "name" { default = "web" }
variable "ports" { default = [22, 443] }
variable "on" { default = true }
output "interp" { value = "sg-${var.name}-${1 + 2}" }
# A lone interpolation keeps the value's type.
output "unwrapped" { value = "${var.ports}" }
output "if" { value = "%{if var.on}on%{else}off%{endif}" }
output "if_false" { value = "%{if !var.on}on%{endif}" }
output "for" { value = "%{for i, p in var.ports}${i}:${p};%{endfor}" }
output "strip" { value = "a   ${~ "b" ~}   c" }
output "nested" { value = "x${"y${"z"}"}" }
