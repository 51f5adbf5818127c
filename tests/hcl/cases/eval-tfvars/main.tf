# Precedence: default < terraform.tfvars < *.auto.tfvars (name order)
# < --var-file < --var (see args).
variable "a" { default = "default" }
variable "b" { default = "default" }
variable "c" { default = "default" }
variable "d" { default = "default" }
variable "e" { default = "default" }
variable "ports" {
  type    = list(number)
  default = []
}
variable "name" {}
output "a" { value = var.a }
output "b" { value = var.b }
output "c" { value = var.c }
output "d" { value = var.d }
output "e" { value = var.e }
output "ports" { value = var.ports }
output "name" { value = var.name }
