module "missing" {
  source = "./nowhere"
}
module "m" {
  source  = "./m"
  unknown = 1
}
