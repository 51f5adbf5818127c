# Terraform functions sgmap does not evaluate (files, hashes, time...) give
# an unknown value with one note per function, not an error; a name that is
# no function at all is an error.
resource "aws_instance" "web" {
  user_data = templatefile("init.sh", { port = 80 })
  tags = {
    Built = timestamp()
    Again = timestamp()
  }
}
output "hash" { value = md5("x") }
