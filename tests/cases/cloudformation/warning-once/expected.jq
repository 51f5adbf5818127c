# A missing group named by two resources is one undeclared group (and one warning).
.groups | map([.id, .declared, .members]) == [["!Ref MissingGroup", false, ["Blue", "Green"]]]
