output "x" {
  value = "bad \q escape"
}
