admin_cidr = "192.0.2.0/24"
