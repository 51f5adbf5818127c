output "b" { value = 1 }
output "c" {
    value = "x" "y"
}
