output "x" {
  value = <<EOT
no end
}
