# A local module with inputs and outputs, with count and for_each; a
# registry module is a stub whose outputs are unknown.
module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
  cidr   = "10.0.0.0/16"
}
module "web" {
  source = "./modules/sg"
  name   = "web"
  vpc_id = module.vpc.vpc_id
  ports  = [80, 443]
}
module "many" {
  source   = "./modules/sg"
  for_each = { a = 22, b = 3306 }
  name     = each.key
  vpc_id   = "vpc-1"
  ports    = [each.value]
}
resource "aws_security_group_rule" "from_web" {
  type                     = "ingress"
  from_port                = 5432
  to_port                  = 5432
  protocol                 = "tcp"
  security_group_id        = module.many["b"].id
  source_security_group_id = module.web.id
}
output "web_name" { value = module.web.name }
output "many_names" { value = [for k, m in module.many : m.name] }
output "vpc" { value = module.vpc.vpc_id }
