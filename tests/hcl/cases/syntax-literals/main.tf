# Comments of the three kinds, numbers, strings and escapes.
// a line comment
/* a block
   comment over lines */
output "int" { value = 42 }
output "neg" { value = -7 }
output "frac" { value = 3.25 }
output "exp" { value = 1e3 }
output "exp_neg" { value = 25E-1 }
output "bools" { value = [true, false, null] }
output "escapes" { value = "tab\there \"q\" back\\slash\nnl" }
output "unicode" { value = "caf\u00e9 \U0001F600" }
output "literal_dollar" { value = "$${not} %%{not}" } # template markers escaped
output "single_line_block" { value = "x" /* trailing */ }
