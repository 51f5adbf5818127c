# Defaults, and conversion to the declared type (strings to numbers, list(any)
# of mixed primitives to strings, objects with optional attributes).
variable "port" {
  type    = number
  default = "8080"
}
variable "mixed" {
  type    = list(any)
  default = [22, "tcp"]
}
variable "rule" {
  type = object({
    port     = number
    protocol = optional(string, "tcp")
    cidrs    = optional(list(string))
  })
  default = { port = "443", extra = "dropped" }
}
variable "rules" {
  type    = map(list(any))
  default = { ssh = [22, 22, "tcp", "SSH"] }
}
variable "names" {
  type    = set(string)
  default = ["b", "a", "b"]
}
output "port" { value = var.port }
output "mixed" { value = var.mixed }
output "rule" { value = var.rule }
output "rules" { value = var.rules }
output "names" { value = var.names }
