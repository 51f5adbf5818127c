# Escapes in strings are decoded: \u00e9, a surrogate pair (U+1F600), \t, \", \\ and \/.
.groups[0].name == "caf\u00e9-\ud83d\ude00"
.groups[0].description == "tab\there \"quoted\" back\\slash / solidus"
