# Found by fuzz_hcl: concat() of empty lists passed a null pointer to memcpy
# (undefined behaviour, reported by UBSan in make SANITIZE=... check).
output "x" { value = concat([], [], []) }
output "y" { value = concat([], [1]) }
