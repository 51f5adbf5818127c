locals {
  m = { a = 1, b = 2 }
}
output "concat" { value = concat([1], [2, 3], []) }
output "merge" { value = merge(local.m, { b = 3, c = 4 }, null) }
output "lookup" { value = [lookup(local.m, "a"), lookup(local.m, "z", "dflt")] }
output "element" { value = [element(["a", "b"], 3), element(["a", "b"], 0)] }
output "length" { value = [length([1, 2]), length(local.m), length("café")] }
output "keys_values" { value = [keys(local.m), values(local.m)] }
output "flatten" { value = flatten([[1, [2]], [], 3]) }
output "distinct" { value = distinct(["b", "a", "b", "c", "a"]) }
output "compact" { value = compact(["a", "", null, "b"]) }
output "coalesce" { value = [coalesce(null, "", "x"), coalesce(null, 2)] }
output "coalescelist" { value = coalescelist([], [1]) }
output "contains" { value = [contains(["a"], "a"), contains([1], "1")] }
output "format" { value = format("%s-%d-%05.1f-%q-%%-%v", "a", 7, 2.25, "q", true) }
output "join_split" { value = [join(",", ["a", "b"], ["c"]), split(",", "x,,y")] }
output "conversions" { value = [tolist(toset(["b", "a"])), tomap({ a = 1 }), tostring(5), tonumber("2.5"), tobool("true")] }
output "sort" { value = sort(["b", "a", "c"]) }
output "cidrsubnet" { value = [cidrsubnet("10.1.0.0/16", 8, 2), cidrsubnet("fd00::/56", 8, 255)] }
output "cidrhost" { value = [cidrhost("10.1.2.0/24", 5), cidrhost("10.1.2.0/24", -1), cidrhost("fd00::/64", 16)] }
output "range" { value = [range(3), range(1, 7, 2), range(3, 0)] }
output "zipmap" { value = zipmap(["a", "b"], [1, 2]) }
output "setproduct" { value = setproduct(["a", "b"], [1, 2]) }
output "case" { value = [lower("AbC"), upper("AbC")] }
output "replace" { value = replace("a-b-c", "-", "_") }
output "trimspace" { value = trimspace("  x y \n") }
output "try" { value = [try(local.m.z, "fallback"), try(local.m.a, 0)] }
output "can" { value = [can(local.m.z), can(local.m.a)] }
output "misc" { value = [max(1, 5, 3), min(4, 2), abs(-3), one([7]), sum([1, 2]), index(["x", "y"], "y"), reverse([1, 2]), slice([1, 2, 3], 1, 3)] }
output "strings" { value = [substr("hello", 1, 3), startswith("sg-1", "sg-"), endswith("a.tf", ".tf"), jsonencode({ a = [1, "x"] })] }
output "expand" { value = concat([[1], [2]]...) }
output "sets" { value = [setunion(["b", "a"], ["c", "a"]), setintersection(["a", "b"], ["b", "c"]), setsubtract(["a", "b", "c"], ["b"])] }
output "trims" { value = [trimprefix("sg-web", "sg-"), trimsuffix("web.tf", ".tf"), trimprefix("x", "y"), chomp("line\r\n")] }
output "more" { value = [strcontains("abc", "bc"), sensitive("s"), nonsensitive(1), cidrnetmask("10.0.0.0/12")] }
