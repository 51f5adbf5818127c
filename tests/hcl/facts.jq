# facts.jq - the groups and rules of a plan-shaped document, one line each, for
# tests/scripts/hcl_corpus.sh: "G ADDRESS NAME" (name, or name_prefix), "R
# ADDRESS TYPE PROTOCOL FROM-TO PEERS" for aws_security_group_rule (address
# without the type), peers cidr:, cidr6:, pl: (prefix list), self, sg: (a
# source group); "?" is a value unknown until apply.
def peers($a; $u):
  [ (($a.cidr_blocks // []) | map(. // "?") | map("cidr:" + .)[]),
    (($a.ipv6_cidr_blocks // []) | map(. // "?") | map("cidr6:" + .)[]),
    (($a.prefix_list_ids // []) | map(. // "?") | map("pl:" + .)[]),
    (if $a.self == true then "self" else empty end),
    (if $u.source_security_group_id == true then "sg:?" elif $a.source_security_group_id then "sg:" + $a.source_security_group_id else empty end)
  ] | join(",");
.resource_changes[]
| .change as $c
| if .type == "aws_security_group" then
    "G \(.address) \($c.after.name // ($c.after.name_prefix // "?") )"
  elif .type == "aws_security_group_rule" then
    "R \(.address | sub("aws_security_group_rule\\."; "")) \($c.after.type) \($c.after.protocol) \($c.after.from_port)-\($c.after.to_port) \(peers($c.after; $c.after_unknown))"
  else empty end
