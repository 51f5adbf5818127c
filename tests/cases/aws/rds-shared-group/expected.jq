# RDS ENIs do not say which DB owns them: every DB of the group is named; an
# ENI whose groups are exactly one DB's is that DB's; a DB without an ENI is drawn as itself.
.interfaces | map(select(.groups == ["sg-db"])) | map(.label) == ["RDS (myaurora-1, myaurora-2, mydb)", "RDS (myaurora-1, myaurora-2, mydb)", "RDS (myaurora-1, myaurora-2, mydb)"]
.interfaces | map(select(.id == "eni-0d000004"))[0] | .label == "admin-db" and .groups == ["sg-admin", "sg-db"]
.interfaces | map(select(.id == "rds:reports"))[0] | .kind == "rds" and .label == "reports" and .groups == ["sg-reports"]
.interfaces | length == 5
