#!/usr/bin/env python3
"""reach_bruteforce.py LIST - an independent check of
`sgmap reach --from '*' --to '*' -f json` on the group-to-group answers.

LIST has a line "NAME MODEL.json REACH.json STATUS" per input: MODEL.json is
`sgmap -f json` of the input (groups, interfaces, rules), REACH.json the
answer and STATUS reach's exit status (2, a question naming nothing, is
right only for an input without groups);
nothing of sgmap's reachability code is used. For every ordered pair of
distinct interfaces in some group, this script computes by brute force what
the rules that name groups allow: the union, over every egress rule of the
source's groups whose peer is one of the destination's groups (or 0.0.0.0/0
or ::/0, which hold every address), and every ingress rule of the
destination's groups whose peer is one of the source's groups, of what both
allow. It then takes the answer sgmap gives for the pair (the regions that
hold the two interfaces), keeps the rules of the same kinds among the rules
it names, and requires the same traffic; and it requires an answer for every
pair the brute force finds reachable. Prints what differs; exits 1 if any.
"""
import json
import sys

PORTS = {"tcp": 6, "udp": 17}
TYPES = {"icmp": 1, "icmpv6": 58}
NAMED = {"esp": 50, "ah": 51, "gre": 47, "sctp": 132}
ALL = "all"


def parse(label):
    """A label as {protocol: [(lo, hi)]} (ICMP as type*256+code), or ALL."""
    if label == "all":
        return ALL
    if label in NAMED:
        return {NAMED[label]: [(0, 0)]}
    if label.startswith("proto-"):
        return {int(label[6:]): [(0, 0)]}
    proto, _, rest = label.partition("/")
    if proto in PORTS:
        if rest == "all":
            return {PORTS[proto]: [(0, 65535)]}
        lo, _, hi = rest.partition("-")
        return {PORTS[proto]: [(int(lo), int(hi or lo))]}
    if proto in TYPES:
        if rest == "all":
            return {TYPES[proto]: [(0, 65535)]}
        t, _, c = rest.partition(":")
        if c == "":
            return {TYPES[proto]: [(int(t) * 256, int(t) * 256 + 255)]}
        return {TYPES[proto]: [(int(t) * 256 + int(c), int(t) * 256 + int(c))]}
    raise ValueError("unknown label " + label)


def whole(proto):
    return [(0, 65535)] if proto in (6, 17, 1, 58) else [(0, 0)]


def intersect(a, b):
    if a == ALL:
        return b
    if b == ALL:
        return a
    out = {}
    for proto in set(a) & set(b):
        got = []
        for lo1, hi1 in a[proto]:
            for lo2, hi2 in b[proto]:
                lo, hi = max(lo1, lo2), min(hi1, hi2)
                if lo <= hi:
                    got.append((lo, hi))
        if got:
            out[proto] = got
    return out


def normal(s):
    """A set as sorted, merged intervals per protocol ("all": every protocol whole)."""
    if s == ALL:
        return {p: whole(p) for p in range(256)}
    out = {}
    for proto, ranges in s.items():
        merged = []
        for lo, hi in sorted(ranges):
            if merged and lo <= merged[-1][1] + 1:
                merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
            else:
                merged.append((lo, hi))
        out[proto] = merged
    return out


def union(sets):
    if any(s == ALL for s in sets):
        return ALL
    out = {}
    for s in sets:
        for proto, ranges in s.items():
            out.setdefault(proto, []).extend(ranges)
    return out


def allowed(egress, ingress):
    return normal(union([intersect(parse(e["label"]), parse(i["label"]))
                         for e in egress for i in ingress]))


def check(model, reach):
    """The differences between reach and the brute force, printed; their count."""
    rules = model["rules"]
    member_of = {i["id"]: set(i["groups"]) for i in model["interfaces"] if i["groups"]}
    by_group = {}
    for r in rules:
        by_group.setdefault((r["group"], r["direction"]), []).append(r)

    def egress_matches(r, dst):
        p = r["peer"]
        return (p["type"] == "group" and p["id"] in member_of[dst]) or (
            p["type"] == "cidr" and p["id"] in ("0.0.0.0/0", "::/0"))

    def ingress_matches(r, src):
        p = r["peer"]
        return p["type"] == "group" and p["id"] in member_of[src]

    region_of = {}
    for g in reach["regions"]:
        for i in g["interfaces"]:
            region_of.setdefault(i, []).append(g["id"])
    answers = {}
    for a in reach["answers"]:
        if a["from"]["type"] == "interfaces" and a["to"]["type"] == "interfaces":
            answers[(a["from"]["region"], a["to"]["region"])] = a
            if a["answer"] != "yes":
                print("a pattern query lists a %s answer: %s" % (a["answer"], a))
                return 1
    failures = 0
    ifaces = sorted(member_of)
    for src in ifaces:
        egress = [r for g in member_of[src] for r in by_group.get((g, "egress"), [])]
        for dst in ifaces:
            if src == dst:
                continue
            ingress = [r for g in member_of[dst] for r in by_group.get((g, "ingress"), [])]
            want = allowed([r for r in egress if egress_matches(r, dst)],
                           [r for r in ingress if ingress_matches(r, src)])
            got_answer = None
            for fr in region_of.get(src, []):
                for to in region_of.get(dst, []):
                    got_answer = got_answer or answers.get((fr, to))
            if got_answer is None:
                if want:
                    print("%s -> %s: brute force allows %s, sgmap has no answer" % (src, dst, want))
                    failures += 1
                continue
            eg = [rules[k] for k in got_answer["egress"]]
            ig = [rules[k] for k in got_answer["ingress"]]
            got = allowed([r for r in eg if egress_matches(r, dst)],
                          [r for r in ig if ingress_matches(r, src)])
            if got != want:
                print("%s -> %s: brute force allows %s, sgmap's rules %s" % (src, dst, want, got))
                failures += 1
    return failures


def main():
    failed = inputs = answers = 0
    for line in open(sys.argv[1]):
        name, model_path, reach_path, status = line.split()
        model = json.load(open(model_path))
        inputs += 1
        if not model["groups"]:
            if status != "2":
                print("FAIL %s: no group, yet reach exited %s" % (name, status))
                failed += 1
            continue
        if status != "0":
            print("FAIL %s: reach exited %s" % (name, status))
            failed += 1
            continue
        reach = json.load(open(reach_path))
        answers += len(reach["answers"])
        if check(model, reach):
            print("FAIL %s: reach and the brute force disagree" % name)
            failed += 1
    if not failed:
        print("%d inputs, %d answers: reach agrees with the brute force" % (inputs, answers))
    return 1 if failed or not inputs else 0


if __name__ == "__main__":
    sys.exit(main())
