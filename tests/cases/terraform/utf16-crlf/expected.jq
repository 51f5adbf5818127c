# UTF-16LE with a byte-order mark and CRLF line ends is transcoded: the text is exact.
.groups[0] | .name == "café-servers" and .description == "Serveurs du café ☕"
.interfaces[0].label == "caisse-𝄞"
.rules[0].description == "Caisse → serveurs"
