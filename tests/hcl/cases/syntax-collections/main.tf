locals {
  key = "dyn"
}
output "tuple" { value = [1, "two", [3], ] }
output "tuple_lines" {
  value = [
    "a",
    "b"
  ]
}
output "object" {
  value = {
    a = 1
    "b c" = 2, d: 3
    (local.key) = 4
    local = 5
  }
}
output "one_line_object" { value = { x = 1, y = { z = [] } } }
output "index" { value = { a = [10, 20] }["a"][1] }
output "attr" { value = { a = { b = "deep" } }.a.b }
output "legacy_index" { value = [[1, 2], [3, 4]].1.0 }
