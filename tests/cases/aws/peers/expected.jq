# Every kind of group peer: another account's, a classic ELB's, self, one not
# in the input, and a deleted one (stale).
.rules | map(select(.description == "peered, other account"))[0].peer == {"type": "external-group", "id": "222222222222/sg-0b000000000000001"}
.rules | map(select(.description == "legacy classic ELB"))[0].peer == {"type": "external-group", "id": "amazon-elb/sg-843f59ed"}
.rules | map(select(.description == "self"))[0].peer == {"type": "group", "id": "sg-0a000000000000001"}
.rules | map(select(.description == "same account, not in the input"))[0] | .peer == {"type": "external-group", "id": "sg-0a000000000000009"} and .stale == null
.rules | map(select(.description == "peer group deleted"))[0] | .peer.id == "sg-0c000000000000001" and .stale == true
.rules | length == 5
