# The same template twice is drawn twice: its logical ids are told apart by file.
.groups | map(.id) == ["Db (../param-group/template.yaml #2)", "Db (../param-group/template.yaml)", "param:BastionGroup"]
.interfaces | map(.id) == ["Bastion (../param-group/template.yaml #2)", "Bastion (../param-group/template.yaml)"]
.rules | map(select(.group == "param:BastionGroup")) | length == 2
