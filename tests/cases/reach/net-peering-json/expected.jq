# a cross-VPC path through a peering: its routes are not evaluated, and
# vpc-2's NACLs are not in the inputs
.answers | length == 1 and .[0].answer == "yes" and .[0].via == "pcx-1" and .[0].notes == ["NACL unknown"]
