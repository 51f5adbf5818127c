# drawio_check.py FILE.drawio [VIEW.json] - the structure of a diagrams.net
# file as sgmap writes it (drawio.sh), one line per failure, exit 1 if any:
#   - mxfile > diagram > mxGraphModel > root, cells "0" and "1" (the layer);
#   - every cell has a unique id and a parent that exists and comes before it;
#   - every vertex has a geometry inside its parent's (a container's size,
#     or the page for the layer), with a little slack for rounding;
#   - every edge's source and target exist and are vertices;
#   - tooltips hold no markup once the XML is read (draw.io reads them as HTML);
# and with the drawing as data (-f view), the same content: every frame and
# cluster a container inside its frame or parent cluster, its label first,
# every node a vertex inside its cluster (else frame, else the layer), its
# label on the first line, every edge an arrow from its "from" to its "to".
import json
import sys
import xml.etree.ElementTree as ET

SLACK = 1.0
fails = []


def fail(msg):
    fails.append(msg)


tree = ET.parse(sys.argv[1])
top = tree.getroot()
if top.tag != "mxfile":
    fail("root element is %s, not mxfile" % top.tag)
root = top.find("./diagram/mxGraphModel/root")
if root is None:
    print("no diagram/mxGraphModel/root")
    sys.exit(1)
model = top.find("./diagram/mxGraphModel")
page = (float(model.get("pageWidth", "0")), float(model.get("pageHeight", "0")))

cells = {}  # id -> (mxCell element, wrapper attributes, order)
order = 0
for el in root:
    if el.tag == "mxCell":
        cell, attrs = el, el.attrib
    elif el.tag in ("UserObject", "object"):
        found = el.findall("mxCell")
        if len(found) != 1:
            fail("%s %s holds %d mxCells" % (el.tag, el.get("id"), len(found)))
            continue
        cell, attrs = found[0], el.attrib
        if cell.get("id") is not None:
            fail("%s: the id belongs on the UserObject only" % el.get("id"))
    else:
        fail("unexpected element %s in root" % el.tag)
        continue
    cid = attrs.get("id")
    if not cid:
        fail("a cell without an id")
        continue
    if cid in cells:
        fail("duplicate id %r" % cid)
    cells[cid] = (cell, attrs, order)
    order += 1

for need in ("0", "1"):
    if need not in cells:
        fail("cell %s missing" % need)


def geometry(cid):
    g = cells[cid][0].find("mxGeometry")
    if g is None:
        return None
    return tuple(float(g.get(k, "0")) for k in ("x", "y", "width", "height"))


for cid, (cell, attrs, pos) in cells.items():
    if cid == "0":
        continue
    parent = cell.get("parent")
    if parent not in cells:
        fail("%r: parent %r does not exist" % (cid, parent))
        continue
    if cells[parent][2] >= pos:
        fail("%r comes before its parent %r" % (cid, parent))
    tip = attrs.get("tooltip", "")
    if "<" in tip or ">" in tip:
        fail("%r: markup in the tooltip: %r" % (cid, tip[:80]))
    if cell.get("vertex") == "1":
        g = geometry(cid)
        if g is None:
            fail("%r: vertex without geometry" % cid)
            continue
        x, y, w, h = g
        if parent == "1":
            pw, ph = page
        else:
            if cells[parent][0].get("vertex") != "1":
                fail("%r: parent %r is no vertex" % (cid, parent))
                continue
            pw, ph = geometry(parent)[2:]
        if x < -SLACK or y < -SLACK or x + w > pw + SLACK or y + h > ph + SLACK or w < 0 or h < 0:
            fail("%r: geometry %r outside its parent %r (%g x %g)" % (cid, g, parent, pw, ph))
    elif cell.get("edge") == "1":
        for end in ("source", "target"):
            e = cell.get(end)
            if e not in cells or cells[e][0].get("vertex") != "1":
                fail("%r: %s %r is no vertex" % (cid, end, e))
    elif cid != "1":
        fail("%r is neither vertex nor edge" % cid)

if len(sys.argv) > 2:
    view = json.load(open(sys.argv[2]))

    def drawn_name(name, label):
        # The name as the drawing writes it: wrapped over lines (at a space
        # or after a '-', '.', ...), perhaps after a badge number, perhaps
        # cut with an ellipsis (then its first characters at least).
        flat = "".join(name.split())
        drawn = "".join(label.split())
        if "\u2026" in drawn:
            return flat[:10] in drawn
        return flat in drawn

    def parent_of(cid):
        return cells[cid][0].get("parent") if cid in cells else None

    for f in view["frames"]:
        if parent_of(f["id"]) != "1":
            fail("frame %r not a top-level container" % f["id"])
    for c in view["clusters"]:
        want = c["parent"] or c["frame"] or "1"
        if parent_of(c["id"]) != want:
            fail("cluster %r in %r, not %r" % (c["id"], parent_of(c["id"]), want))
        label = cells[c["id"]][1].get("label", "") if c["id"] in cells else ""
        if c.get("label") and not label.startswith(c["label"]):
            fail("cluster %r labelled %r, not %r first" % (c["id"], label, c["label"]))
    for n in view["nodes"]:
        want = n.get("cluster") or n.get("frame") or "1"
        if parent_of(n["id"]) != want:
            fail("node %r in %r, not %r" % (n["id"], parent_of(n["id"]), want))
        label = cells[n["id"]][1].get("label", "") if n["id"] in cells else ""
        if n.get("label") and not drawn_name(n["label"], label):
            fail("node %r labelled %r, without %r first" % (n["id"], label, n["label"]))
    for e in view["edges"]:
        if e["id"] not in cells:
            fail("edge %r missing" % e["id"])
            continue
        cell = cells[e["id"]][0]
        got = (cell.get("source"), cell.get("target"))
        if got != (e["from"], e["to"]):
            fail("edge %r drawn %r, not %r" % (e["id"], got, (e["from"], e["to"])))
        label = cells[e["id"]][1].get("label", "")
        for text in (e["labels"][:3] if label else []):
            if text not in label.replace("\n", " "):
                fail("edge %r: label %r lacks %r" % (e["id"], label, text))

for f in fails[:30]:
    print(f)
sys.exit(1 if fails else 0)
