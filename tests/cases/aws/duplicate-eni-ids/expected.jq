# An ENI id listed by three instances is an input mixed up or edited: each
# instance keeps its own interface (the later ones as ID#N) in its own
# groups, with a warning that names both places, instead of one interface
# in the groups of all three (a false membership, and a false nesting of
# bastion inside game-servers). The same ENI listed again for the same
# instance is that instance's interface; listed with other groups, it is
# drawn in the groups of both, and the warning says so (expected.err).
.interfaces | map([.id, .label, .groups]) == [["eni-0111", "game-server-1", ["sg-game", "sg-metrics"]], ["eni-0111#2", "game-server-2", ["sg-game"]], ["eni-0111#3", "bastion", ["sg-admin"]]]
.groups | map(select(.id == "sg-admin"))[0].members == ["eni-0111#3"]
