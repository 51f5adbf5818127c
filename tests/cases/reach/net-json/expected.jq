# the layers evaluated, and each "no" names the layer that blocks
.layers == ["security-groups", "nacls", "routes"]
[.answers[] | [.answer, .blocked]] == [["no", "address"], ["no", "nacl"], ["no", "nacl"]]
.answers[1].reason == "acl-pub rule 90 denies tcp/22 from 0.0.0.0/0 into subnet-pub"
# pending-web's addresses are unknown: the NACL's 0.0.0.0/0 entries hold it
.answers[2].notes == ["address unknown", "source outside the inputs"]
