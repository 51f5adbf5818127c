# An import that two stacks export is not guessed: it stays an import.
.interfaces[0].groups == ["GreenLb", "import:!Sub '${NetworkStack}-DbGroup'"]
.groups | map(select(.id | startswith("import:")))[0].declared == false
