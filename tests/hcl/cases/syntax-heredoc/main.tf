variable "name" { default = "web" }
output "plain" {
  value = <<EOT
line one ${var.name}
  indented
EOT
}
output "indented" {
  value = <<-EOT
    first
      second
    third
    EOT
}
output "after" { value = "still parsed" }
