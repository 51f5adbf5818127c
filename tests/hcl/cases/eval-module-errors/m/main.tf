variable "needed" {}
output "o" { value = var.needed }
