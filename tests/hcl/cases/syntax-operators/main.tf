output "precedence" { value = [1 + 2 * 3, (1 + 2) * 3, 10 - 4 - 3, 2 * 3 % 4, 10 / 4, -2 * -3] }
output "compare" { value = [1 < 2, 2 <= 2, 3 > 4, 4 >= 5, 1 == 1.0, "a" != "b", [1] == [1]] }
output "logic" { value = [!true || true, true && false || true, !(true && false), 1 < 2 && 2 < 3] }
output "cond" { value = 1 > 2 ? "yes" : 2 > 1 ? "second" : "no" }
output "convert" { value = "3" + 4 }
output "eq_types" { value = "1" == 1 }
output "multiline" {
  value = (1 +
    2)
}
