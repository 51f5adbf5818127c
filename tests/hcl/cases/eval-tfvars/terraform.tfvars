b = "tfvars"
c = "tfvars"
d = "tfvars"
e = "tfvars"
