# Auto scaling groups find their launch template or configuration by name
# (or by the same expression); the others are warned about and not drawn.
.interfaces | map(.id) == ["ByConfigName", "ByName", "BySameExpression"]
.groups[0].members == ["ByConfigName", "ByName", "BySameExpression"]
