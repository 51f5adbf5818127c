output "x" {
  value = [1, 2
}
