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

An input with network context (-f json's "network": subnets, NACLs, route
tables) is checked end to end instead: for every ordered pair of interfaces
in some group, over each address family, what every rule allows by group or
by a CIDR holding an address, then what the NACLs of both subnets let
through for each pair of addresses (entries in number order, the first that
holds the address and the traffic decides; TCP and UDP replies to
1024-65535, ICMP replies as their protocol, other protocols as themselves;
none inside one subnet), and no path between VPCs without a route through
a peering or transit gateway; sgmap's answer must allow exactly that.
"""
import ipaddress
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


def index_answers(reach):
    """The regions of each interface, and the answers between regions by pair."""
    region_of = {}
    for g in reach["regions"]:
        for i in g["interfaces"]:
            region_of.setdefault(i, []).append(g["id"])
    answers = {}
    for a in reach["answers"]:
        if a["from"]["type"] == "interfaces" and a["to"]["type"] == "interfaces":
            answers[(a["from"]["region"], a["to"]["region"])] = a
    return region_of, answers


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

    region_of, answers = index_answers(reach)
    for a in answers.values():
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


def subtract(a, b):
    """a minus b, both normal."""
    out = {}
    for proto, ranges in a.items():
        cut = b.get(proto, [])
        got = []
        for lo, hi in ranges:
            pieces = [(lo, hi)]
            for clo, chi in cut:
                nxt = []
                for plo, phi in pieces:
                    if chi < plo or clo > phi:
                        nxt.append((plo, phi))
                        continue
                    if plo < clo:
                        nxt.append((plo, clo - 1))
                    if chi < phi:
                        nxt.append((chi + 1, phi))
                pieces = nxt
            got.extend(pieces)
        if got:
            out[proto] = got
    return out


def empty(s):
    return not any(s.values())


def holds(cidr, addr):
    """Does the CIDR hold the address (None: an address unknown, held by /0 only)?"""
    net = ipaddress.ip_network(cidr)
    if addr is None:
        return net.prefixlen == 0
    return addr.version == net.version and addr in net


def nacl_eval(nacl, direction, addr, fam, traffic):
    """What of traffic (normal) the NACL lets through with addr at the other end."""
    rest, out = traffic, {}
    for e in sorted((e for e in nacl["entries"] if e["direction"] == direction),
                    key=lambda e: e["number"]):
        if ipaddress.ip_network(e["cidr"]).version != fam or not holds(e["cidr"], addr):
            continue
        part = normal(intersect(rest, parse(e["label"])))
        if e["action"] == "allow":
            out = normal(union([out, part]))
        rest = normal(subtract(rest, part))
    return out


def reply_filter(nacl, direction, addr, fam):
    """The forward traffic whose replies the NACL lets through."""
    back = nacl_eval(nacl, direction, addr, fam, normal(ALL))
    out = {p: whole(p) for p in back if p not in (1, 6, 17, 58) and back[p]}
    for proto, lo, hi in ((6, 1024, 65535), (17, 1024, 65535), (1, 0, 65535), (58, 0, 65535)):
        if any(not (h < lo or l > hi) for l, h in back.get(proto, [])):
            out[proto] = whole(proto)
    return out


def check_network(model, reach):
    """The end-to-end check of an input with network context; the count of differences."""
    net = model["network"]
    nacls = {n["id"]: n for n in net["nacls"]}
    tables = {t["id"]: t for t in net["route_tables"]}
    subnets = {s["id"]: s for s in net["subnets"]}
    rules = model["rules"]
    ifaces = {i["id"]: i for i in model["interfaces"] if i["groups"]}

    def default(vpc, kind, flag):
        found = sorted(x["id"] for x in net[kind] if x.get(flag) and x["vpc"] == vpc)
        return found[0] if found else None

    def nacl_of(i):
        if not i.get("subnet"):
            return None
        s = subnets.get(i["subnet"])
        return nacls.get(s["nacl"]) if s else nacls.get(default(i["vpc"], "nacls", "default"))

    def table_of(i):
        if not i.get("subnet"):
            return None
        s = subnets.get(i["subnet"])
        t = s["route_table"] if s else default(i["vpc"], "route_tables", "main")
        return tables.get(t)

    def addrs(i, fam):
        known = [ipaddress.ip_address(a) for a in i.get("addresses", [])]
        if not known:
            return [None]
        return [a for a in known if a.version == fam]

    def rule_holds(r, i, addr, fam):
        p = r["peer"]
        if p["type"] == "group":
            return p["id"] in i["groups"]
        return (p["type"] == "cidr" and ipaddress.ip_network(p["id"]).version == fam and
                holds(p["id"], addr))

    def routed(i, addr, fam):
        t = table_of(i)
        if t is None:
            return True
        best = None
        for r in t["routes"]:
            if ("/" in r["destination"] and
                    ipaddress.ip_network(r["destination"]).version == fam and
                    holds(r["destination"], addr)):
                n = ipaddress.ip_network(r["destination"]).prefixlen
                if best is None or n > best[0]:
                    best = (n, r)
        return best is not None and best[1]["type"] in ("peering", "transit-gateway", "other")

    def want(src, dst):
        total = []
        for fam in (4, 6):
            for a in addrs(src, fam):
                for b in addrs(dst, fam):
                    if (a is not None and a.version != fam) or (b is not None and b.version != fam):
                        continue
                    eg = [r for r in rules if r["group"] in src["groups"] and
                          r["direction"] == "egress" and rule_holds(r, dst, b, fam)]
                    ig = [r for r in rules if r["group"] in dst["groups"] and
                          r["direction"] == "ingress" and rule_holds(r, src, a, fam)]
                    got = allowed(eg, ig)
                    if src.get("vpc") and dst.get("vpc") and src["vpc"] != dst["vpc"] and (
                            not routed(src, b, fam) or not routed(dst, a, fam)):
                        continue
                    if not (src.get("subnet") and src.get("subnet") == dst.get("subnet")):
                        for side, peer, d, back in ((src, b, "egress", "ingress"),
                                                    (dst, a, "ingress", "egress")):
                            n = nacl_of(side)
                            if n is None:
                                continue
                            got = normal(intersect(nacl_eval(n, d, peer, fam, got),
                                                   reply_filter(n, back, peer, fam)))
                    total.append(got)
        return normal(union(total)) if total else {}

    region_of, answers = index_answers(reach)
    failures = 0
    for s in sorted(ifaces):
        for d in sorted(ifaces):
            if s == d:
                continue
            w = want(ifaces[s], ifaces[d])
            ans = None
            for fr in region_of.get(s, []):
                for to in region_of.get(d, []):
                    ans = ans or answers.get((fr, to))
            got = {}
            if ans is not None and ans["answer"] == "yes":
                got = normal(union([parse(x) for x in ans["ports"].split(", ")]))
            if {p: r for p, r in w.items() if r} != {p: r for p, r in got.items() if r}:
                print("%s -> %s: brute force allows %s, sgmap %s" % (
                    s, d, w, ans["ports"] if ans else "nothing"))
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
        if check_network(model, reach) if "network" in model else check(model, reach):
            print("FAIL %s: reach and the brute force disagree" % name)
            failed += 1
    if not failed:
        print("%d inputs, %d answers: reach agrees with the brute force" % (inputs, answers))
    return 1 if failed or not inputs else 0


if __name__ == "__main__":
    sys.exit(main())
