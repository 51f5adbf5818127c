# A UTF-16 file with a byte-order mark is transcoded: the text is exact.
.groups | map([.id, .description, .source]) == [["a", "café", "input.yaml:2:3"]]
