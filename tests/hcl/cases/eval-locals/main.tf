locals {
  base   = "10.0.0.0/16"
  subnet = cidrsubnet(local.base, 8, local.index)
  index  = 3
  names  = [for i in range(2) : "${local.prefix}-${i}"]
  prefix = "sg"
}
output "subnet" { value = local.subnet }
output "names" { value = local.names }
