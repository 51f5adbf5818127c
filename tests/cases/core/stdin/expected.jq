# "-" reads standard input, named <stdin> in sources.
.groups | map([.id, .description, .source]) == [["solo", "A lone group read from standard input", "<stdin>:2:3"]]
