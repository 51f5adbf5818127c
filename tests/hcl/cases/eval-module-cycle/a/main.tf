module "back" { source = "../" }
