/*
 * map.js - the behaviour of sgmap's HTML map (-f html), built into the
 * binary and allowed by its hash in the page's Content-Security-Policy.
 * It reads the drawing's data (the -f view JSON and the model's tables,
 * inert <script type="application/json"> blocks, see emit_html.c) and the
 * inline SVG; pan and zoom, search, selection with its details, the
 * drill-down from a group box into its regions and their interfaces, the
 * legend. Every text from the inputs goes into the page with textContent,
 * never as markup.
 */
(function () {
  'use strict';
  var view = JSON.parse(document.getElementById('sgmap-view').textContent);
  var data = JSON.parse(document.getElementById('sgmap-data').textContent);
  var map = document.getElementById('map');
  var svg = map.querySelector('svg');
  var q = document.getElementById('q');
  var count = document.getElementById('count');
  var details = document.getElementById('details');
  var results = document.getElementById('results');
  var legend = document.getElementById('legend');
  var MAX_RESULTS = 200, MAX_MARKED = 1000; /* more matches are listed, not lit */

  /* ===== Indexes, built once ===== */
  /* The model's tables (rows are arrays, see emit_html.c) as objects. */
  function source(s) { return s ? data.files[s[0]] + s[1] : null; }
  /* A row the drawing does not need is null (kept, so indexes hold). */
  var groupList = data.groups.map(function (r, k) {
    return r && { id: r[0], name: r[1], vpc: r[2], description: r[3], memberIdx: r[4], source: r[5],
                  index: k, members: null, rules: [] };
  });
  var ifaceList = data.interfaces.map(function (r, k) {
    return r && { id: r[0], kind: r[1], label: r[2], owner: r[3], addresses: r[4], source: r[5],
                  index: k, groups: [], region: -1 };
  });
  var rules = data.rules.map(function (r, k) {
    if (!r) return null;
    var g = groupList[r[0]];
    if (g) g.rules.push(k);
    return { group: g ? g.id : '', direction: r[1], label: r[2],
             peer: { type: r[3], id: r[4], label: r[5] }, description: r[6], source: r[7] };
  });
  var regionList = (data.regions || []).map(function (r, k) {
    var first = ifaceList[r[1][0]];
    r[1].forEach(function (i) { if (ifaceList[i]) ifaceList[i].region = k; });
    return { index: k, label: r[0], ifaces: r[1], kind: first ? first.kind : '',
             groups: first ? first.groups : [] };
  });
  var groups = {}, ifaces = {}, viewById = {}, groupEl = {}, ifaceNode = {};
  var edgesOf = {}, children = {}, groupRegions = {}, nodesIn = {}, edgesOfGroup = {};
  groupList = groupList.filter(function (g) { return g; });
  groupList.forEach(function (g) {
    groups[g.id] = g;
    g.members = g.memberIdx.filter(function (i) { return ifaceList[i]; }).map(function (i) {
      var f = ifaceList[i];
      f.groups.push(g.id);
      return f.id;
    });
  });
  ifaceList.forEach(function (i) { if (i) ifaces[i.id] = i; });
  regionList.forEach(function (r) {
    r.groups.forEach(function (gid) {
      if (!has(groupRegions, gid)) groupRegions[gid] = [];
      groupRegions[gid].push(r);
    });
  });
  function edgeList(id) {
    if (!has(edgesOf, id)) edgesOf[id] = [];
    return edgesOf[id];
  }
  view.clusters.forEach(function (c) {
    viewById[c.id] = c;
    c.kind = 'cluster';
    c.groups.forEach(function (g) { groupEl[g] = c.id; });
    if (c.parent) {
      if (!children[c.parent]) children[c.parent] = [];
      children[c.parent].push(c.id);
    }
  });
  view.nodes.forEach(function (n) {
    viewById[n.id] = n;
    n.kind = n.interfaces ? 'iface' : n.groups ? 'handle' : 'peer';
    if (n.interfaces) n.interfaces.forEach(function (i) { ifaceNode[i] = n.id; });
    if (n.groups) n.groups.forEach(function (g) { groupEl[g] = n.id; });
    if (n.cluster) {
      if (!has(nodesIn, n.cluster)) nodesIn[n.cluster] = [];
      nodesIn[n.cluster].push(n.id);
    }
  });
  view.edges.forEach(function (e) {
    viewById[e.id] = e;
    e.kind = 'edge';
    edgeList(e.from).push(e);
    if (e.to !== e.from) edgeList(e.to).push(e);
    var mine = {};
    e.rules.forEach(function (k) {
      var gid = rules[k] ? rules[k].group : '';
      if (!gid || has(mine, gid)) return;
      mine[gid] = true;
      if (!has(edgesOfGroup, gid)) edgesOfGroup[gid] = [];
      edgesOfGroup[gid].push(e);
    });
  });

  function has(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }
  function svgEl(id) { return id ? document.getElementById(id) : null; }

  /* ===== Text helpers (textContent only) ===== */
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function link(text, id) {
    var b = el('button', text, 'link');
    b.type = 'button';
    b.addEventListener('click', function () { select(id, true); });
    return b;
  }
  function nameOf(id) {
    var o = viewById[id];
    if (!o) return id;
    if (o.kind === 'cluster' || o.kind === 'handle')
      return o.groups.map(function (g) { return has(groups, g) ? groups[g].name : g; }).join(' = ');
    if (o.kind === 'iface') return o.label || o.interfaces[0];
    if (o.kind === 'peer') return o.label ? o.label + ' (' + o.peer.id + ')' : o.peer.id;
    return id;
  }
  function ruleText(r) {
    var peer = r.peer ? (r.peer.label || r.peer.id) : '';
    var g = has(groups, r.group) ? groups[r.group].name : r.group;
    return g + ' ' + r.direction + ' ' + r.label + (r.direction === 'ingress' ? ' from ' : ' to ') + peer;
  }
  function ruleBox(index) {
    var r = rules[index], box = el('div', null, 'rule');
    if (!r) return box;
    box.appendChild(el('div', ruleText(r)));
    box.appendChild(el('div', r.description ? r.description : '(no description)', 'desc'));
    if (r.source) box.appendChild(el('div', source(r.source), 'muted'));
    return box;
  }

  /* ===== Highlight =====
   * Dimming touches only what is lit: a translucent veil goes over the
   * drawing and the lit objects move above it (in their drawing order),
   * and back to their places when undimmed. A class on every object (or on
   * the drawing, with selectors on every object) would restyle all of them. */
  var marked = [], lifted = [], veil = null, order = null; /* order: each object's place */
  var graph = svg.querySelector('g.graph') || svg;
  function mark(ids, cls) {
    ids.forEach(function (id) {
      var e = svgEl(id);
      if (e) { e.classList.add(cls); marked.push([e, cls]); }
    });
  }
  function unmarkAll() {
    marked.forEach(function (m) { m[0].classList.remove(m[1]); });
    marked = [];
    for (var i = lifted.length - 1; i >= 0; i--) lifted[i][1].insertBefore(lifted[i][0], lifted[i][2]);
    lifted = [];
    if (veil && veil.parentNode) veil.parentNode.removeChild(veil);
    svg.classList.remove('dim');
  }
  function dimExcept(ids) {
    var els = [], seen = {};
    svg.classList.add('dim');
    mark(ids, 'hl');
    /* A lit cluster comes up with what is drawn inside it, which its fill
     * would hide otherwise. */
    function lift(id) {
      var e = svgEl(id);
      if (!e || seen[id] || e.parentNode !== graph) return;
      seen[id] = true;
      els.push(e);
      (children[id] || []).forEach(lift);
      (nodesIn[id] || []).forEach(lift);
    }
    ids.forEach(lift);
    if (!order) {
      order = new Map();
      for (var i = 0, k = graph.children; i < k.length; i++) order.set(k[i], i);
    }
    els.sort(function (a, b) { return order.get(a) - order.get(b); });
    if (!veil) {
      veil = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
      veil.setAttribute('class', 'veil');
      [['x', -1e6], ['y', -1e6], ['width', 2e6], ['height', 2e6]].forEach(function (a) { veil.setAttribute(a[0], a[1]); });
    }
    graph.appendChild(veil);
    els.forEach(function (e) {
      lifted.push([e, e.parentNode, e.nextSibling]);
      graph.appendChild(e);
    });
  }

  /* Everything a selected object lights up: itself, what it encloses,
   * its arrows and the objects at their other ends. */
  function closure(o) {
    var lit = {}, edges = [], seen = {};
    function add(id) { lit[id] = true; }
    function addEdge(e) {
      if (!seen[e.id]) { seen[e.id] = true; edges.push(e); }
    }
    function addEdges(id) { (edgesOf[id] || []).forEach(addEdge); }
    add(o.id);
    if (o.kind === 'edge') {
      add(o.from); add(o.to); edges.push(o);
      return { lit: lit, edges: edges };
    }
    var within = {}, stack = [o.id];
    within[o.id] = true;
    while (stack.length) {
      var c = stack.pop();
      (children[c] || []).forEach(function (k) { within[k] = true; stack.push(k); add(k); });
    }
    if (o.groups) {
      o.groups.forEach(function (gid) {
        var g = groups[gid];
        if (g) g.members.forEach(function (i) { if (ifaceNode[i]) add(ifaceNode[i]); });
      });
      Object.keys(within).forEach(function (c) {
        (nodesIn[c] || []).forEach(function (n) { add(n); });
      });
    }
    addEdges(o.id);
    if (o.groups) o.groups.forEach(function (gid) { (edgesOfGroup[gid] || []).forEach(addEdge); });
    edges.forEach(function (e) { add(e.from); add(e.to); });
    return { lit: lit, edges: edges };
  }

  /* ===== Details ===== */
  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }
  function groupName(gid) { return has(groups, gid) ? groups[gid].name : gid; }
  /* A group by name: a link that selects it in the map, or plain text. */
  function groupLink(gid) {
    return has(groupEl, gid) ? link(groupName(gid), groupEl[gid]) : el('span', groupName(gid));
  }
  function ifaceText(i) {
    return has(ifaces, i) && ifaces[i].label && ifaces[i].label !== i ? i + ' (' + ifaces[i].label + ')' : i;
  }

  function showGroup(box, gid) {
    var g = groups[gid];
    box.appendChild(el('h3', g ? g.name : gid));
    if (!g) { box.appendChild(el('p', 'not in the input', 'muted')); return; }
    box.appendChild(el('div', 'id: ' + g.id, 'muted'));
    if (g.vpc) box.appendChild(el('div', 'VPC: ' + g.vpc, 'muted'));
    box.appendChild(el('p', g.description ? g.description : '(no description)'));
    box.appendChild(el('div', plural(g.members.length, 'member')));
    if (has(groupRegions, gid)) {
      showRegions(box, g);
    } else {
      var ul = el('ul');
      g.members.slice(0, 50).forEach(function (i) {
        var li = el('li');
        li.appendChild(ifaceNode[i] ? link(ifaceText(i), ifaceNode[i]) : el('span', ifaceText(i)));
        ul.appendChild(li);
      });
      if (g.members.length > 50) ul.appendChild(el('li', (g.members.length - 50) + ' more', 'muted'));
      box.appendChild(ul);
    }
    box.appendChild(el('div', plural(g.rules.length, 'rule')));
    g.rules.forEach(function (i) { box.appendChild(ruleBox(i)); });
  }

  /* ===== Drill-down (the group level): a group's regions, then a region's interfaces ===== */
  var SVGNS = 'http://www.w3.org/2000/svg', MAX_BOXES = 60, MAX_IFACES = 200;
  function svgNode(tag, attrs, text) {
    var e = document.createElementNS(SVGNS, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function cut(text, n) { text = String(text); return text.length > n ? text.slice(0, n - 1) + '\u2026' : text; }
  function regionName(r) {
    return r.kind + ' \u00d7' + r.ifaces.length + (r.label ? ' ' + r.label : '');
  }
  /* The group's regions in sets by the other groups they share, as a
   * Venn-style drawing: the group's frame holding one band per set of
   * other groups (its intersection with them), a box per region inside. */
  function regionSets(g) {
    var sets = {}, order = [];
    groupRegions[g.id].forEach(function (r) {
      var others = r.groups.filter(function (x) { return x !== g.id; });
      var key = others.join('\u0000');
      if (!has(sets, key)) { sets[key] = { others: others, regions: [] }; order.push(key); }
      sets[key].regions.push(r);
    });
    return order.sort(function (a, b) {
      return sets[a].others.length - sets[b].others.length || (a < b ? -1 : a > b ? 1 : 0);
    }).map(function (k) { return sets[k]; });
  }
  function showRegions(box, g) {
    var sets = regionSets(g), W = 300, BW = 92, BH = 34, GAP = 6, y = 22, drawn = 0;
    var pic = svgNode('svg', { 'class': 'drill', width: '100%', role: 'img' });
    pic.appendChild(svgNode('text', { x: 6, y: 15, 'class': 'frame-label' }, cut(g.name, 44)));
    sets.forEach(function (set) {
      if (drawn >= MAX_BOXES) return;
      var shown = set.regions.slice(0, MAX_BOXES - drawn), rows = Math.ceil(shown.length / 3);
      var h = 20 + rows * (BH + GAP);
      pic.appendChild(svgNode('rect', { x: 6, y: y, width: W - 12, height: h, rx: 6,
        'class': set.others.length ? 'band shared' : 'band' }));
      pic.appendChild(svgNode('text', { x: 12, y: y + 14, 'class': 'band-label' },
        cut(set.others.length ? '\u2229 ' + set.others.map(groupName).join(', ') : 'only in this group', 46)));
      shown.forEach(function (r, k) {
        var x = 12 + (k % 3) * (BW + GAP), by = y + 20 + Math.floor(k / 3) * (BH + GAP);
        var cell = svgNode('g', { 'class': 'region k-' + r.kind, 'data-region': r.index });
        cell.appendChild(svgNode('rect', { x: x, y: by, width: BW, height: BH, rx: 4 }));
        cell.appendChild(svgNode('text', { x: x + 5, y: by + 14 }, cut(r.kind + ' \u00d7' + r.ifaces.length, 15)));
        cell.appendChild(svgNode('text', { x: x + 5, y: by + 27, 'class': 'sub' }, cut(r.label || '', 15)));
        pic.appendChild(cell);
      });
      drawn += shown.length;
      y += h + GAP;
    });
    pic.setAttribute('viewBox', '0 0 ' + W + ' ' + (y + 2));
    pic.addEventListener('click', function (ev) {
      var cell = ev.target.closest('g.region');
      if (cell) openRegion(+cell.getAttribute('data-region'), g.id);
    });
    var n = groupRegions[g.id].length;
    box.appendChild(el('h3', plural(n, 'region') + ' (interfaces with the same groups and kind)'));
    box.appendChild(pic);
    if (n > drawn) box.appendChild(el('div', (n - drawn) + ' more regions, listed below', 'muted'));
    var ul = el('ul', null, 'regions');
    sets.forEach(function (set) {
      set.regions.forEach(function (r) {
        var li = el('li');
        var b = el('button', regionName(r), 'link region-open');
        b.type = 'button';
        b.addEventListener('click', function () { openRegion(r.index, g.id); });
        li.appendChild(b);
        if (set.others.length) {
          li.appendChild(el('span', ' also in ', 'muted'));
          set.others.forEach(function (o, k) {
            if (k) li.appendChild(el('span', ', '));
            li.appendChild(groupLink(o));
          });
        }
        ul.appendChild(li);
      });
    });
    box.appendChild(ul);
  }
  /* One region: its groups (links into the map) and its interfaces. */
  function openRegion(k, from) {
    var r = regionList[k];
    if (!r) return;
    clear(details);
    details.appendChild(el('h2', 'Region'));
    if (from) {
      var back = el('button', '\u2190 ' + groupName(from), 'link back');
      back.type = 'button';
      back.addEventListener('click', function () { select(groupEl[from], false); });
      details.appendChild(back);
    }
    details.appendChild(el('h3', regionName(r)));
    details.appendChild(el('div', 'kind: ' + r.kind, 'muted'));
    details.appendChild(el('div', 'In ' + plural(r.groups.length, 'group') + ':'));
    var gl = el('ul', null, 'region-groups');
    r.groups.forEach(function (gid) { var li = el('li'); li.appendChild(groupLink(gid)); gl.appendChild(li); });
    details.appendChild(gl);
    details.appendChild(el('h3', plural(r.ifaces.length, 'interface')));
    var t = el('table', null, 'ifaces'), head = el('tr');
    ['id', 'name', 'addresses', 'owner'].forEach(function (h) { head.appendChild(el('th', h)); });
    t.appendChild(head);
    r.ifaces.slice(0, MAX_IFACES).forEach(function (i) {
      var f = ifaceList[i], tr = el('tr');
      if (!f) return;
      tr.appendChild(el('td', f.id));
      tr.appendChild(el('td', f.label && f.label !== f.id ? f.label : ''));
      tr.appendChild(el('td', f.addresses.join(', ')));
      tr.appendChild(el('td', f.owner || ''));
      t.appendChild(tr);
    });
    details.appendChild(t);
    if (r.ifaces.length > MAX_IFACES) details.appendChild(el('div', (r.ifaces.length - MAX_IFACES) + ' more', 'muted'));
  }

  function showDetails(o, c) {
    clear(details);
    details.appendChild(el('h2', o.kind === 'edge' ? 'Arrow' : o.kind === 'iface' ? 'Interfaces'
      : o.kind === 'peer' ? 'Peer' : (o.groups.length > 1 ? 'Groups' : 'Group')));
    if (o.kind === 'edge') {
      var p = el('p');
      p.appendChild(link(nameOf(o.from), o.from));
      p.appendChild(el('span', ' \u2192 '));
      p.appendChild(link(nameOf(o.to), o.to));
      details.appendChild(p);
      details.appendChild(el('div', o.style + ': ' + o.labels.join(', ')));
      details.appendChild(el('div', o.rules.length + ' rule' + (o.rules.length === 1 ? '' : 's'), 'rules-count'));
      o.rules.forEach(function (i) { details.appendChild(ruleBox(i)); });
    } else if (o.kind === 'iface') {
      o.interfaces.forEach(function (id) {
        var i = ifaces[id] || { id: id, groups: [] };
        details.appendChild(el('h3', i.label && i.label !== id ? id + ' (' + i.label + ')' : id));
        if (i.kind) details.appendChild(el('div', 'kind: ' + i.kind, 'muted'));
        if (i.addresses && i.addresses.length) details.appendChild(el('div', 'addresses: ' + i.addresses.join(', ')));
        var ul = el('ul');
        i.groups.forEach(function (gid) {
          var li = el('li');
          li.appendChild(groupEl[gid] ? link(has(groups, gid) ? groups[gid].name : gid, groupEl[gid]) : el('span', gid));
          ul.appendChild(li);
        });
        details.appendChild(ul);
      });
    } else if (o.kind === 'peer') {
      details.appendChild(el('h3', o.peer.id));
      details.appendChild(el('div', o.peer.type, 'muted'));
      if (o.label) details.appendChild(el('div', o.label));
    } else {
      o.groups.forEach(function (gid) { showGroup(details, gid); });
    }
    if (o.notes && o.notes.length) {
      details.appendChild(el('h3', 'Findings'));
      o.notes.forEach(function (n) { details.appendChild(el('div', n, 'rule')); });
    }
    if (o.kind !== 'edge') {
      var near = Object.keys(c.lit).filter(function (id) { return id !== o.id && viewById[id] && viewById[id].kind !== 'edge'; });
      details.appendChild(el('h3', 'Neighbours and members (' + near.length + ')'));
      var ul2 = el('ul');
      near.slice(0, 100).forEach(function (id) { var li = el('li'); li.appendChild(link(nameOf(id), id)); ul2.appendChild(li); });
      details.appendChild(ul2);
      details.appendChild(el('h3', 'Arrows (' + c.edges.length + ')'));
      var ul3 = el('ul');
      c.edges.slice(0, 100).forEach(function (e) {
        var li = el('li');
        li.appendChild(link(nameOf(e.from) + ' \u2192 ' + nameOf(e.to) + ': ' + e.labels.join(', '), e.id));
        ul3.appendChild(li);
      });
      details.appendChild(ul3);
    }
  }

  var selected = null;
  function select(id, zoom) {
    var o = viewById[id];
    unmarkAll();
    if (!o) { selected = null; clear(details); return; }
    selected = id;
    var c = closure(o);
    var ids = Object.keys(c.lit).concat(c.edges.map(function (e) { return e.id; }));
    dimExcept(ids);
    mark([id], 'sel');
    showDetails(o, c);
    if (zoom) zoomTo(id);
  }

  /* ===== Search ===== */
  function portMatches(label, port) {
    var m = /^[a-z0-9-]+\/(\d+)(?:-(\d+))?$/.exec(label.replace(/^[+\u2212~]/, '').replace(/ \(if\)$/, ''));
    if (!m) return false;
    var lo = +m[1], hi = m[2] ? +m[2] : lo;
    return port >= lo && port <= hi;
  }
  /* What a search looks through, built at the first search: one entry per
   * group, interface and peer, its texts lowercased once. An interface not
   * drawn (the group level) leads to its region, in its groups' boxes. */
  var index = null;
  function buildIndex() {
    index = [];
    function entry(texts, what, target, regionIdx) {
      if (!target || !document.getElementById(target)) return;
      index.push({ hay: texts.filter(function (t) { return typeof t === 'string'; }).join('\u0000').toLowerCase(),
                   what: what, target: target, region: regionIdx });
    }
    groupList.forEach(function (g) {
      entry([g.name, g.id], 'group ' + g.name + (g.name !== g.id ? ' (' + g.id + ')' : ''), groupEl[g.id], -1);
    });
    ifaceList.forEach(function (i) {
      if (!i) return;
      var what = 'interface ' + ifaceText(i.id), target = ifaceNode[i.id];
      if (!target && i.region >= 0) {
        target = groupEl[i.groups.filter(function (gid) { return has(groupEl, gid); })[0]];
        what += ' in ' + regionName(regionList[i.region]);
      }
      entry([i.id, i.label].concat(i.addresses), what, target, target === ifaceNode[i.id] ? -1 : i.region);
    });
    view.nodes.forEach(function (n) {
      if (n.peer) entry([n.peer.id, n.label].concat(n.peer.also || []), n.peer.type + ' ' + n.peer.id, n.id, -1);
    });
    view.edges.forEach(function (e) { e.hay = e.labels.join('\u0000').toLowerCase(); });
  }
  function search(text) {
    var s = text.trim().toLowerCase(), hits = [], seen = {};
    if (!s) return hits;
    if (!index) buildIndex();
    var port = /^\d{1,5}$/.test(s) ? +s : -1;
    index.forEach(function (x) {
      var key = x.target + '\u0000' + x.region;
      if (x.hay.indexOf(s) < 0 || seen[key]) return;
      seen[key] = true;
      hits.push(x);
    });
    view.edges.forEach(function (e) {
      var ok = port >= 0 ? e.labels.some(function (l) { return portMatches(l, port); }) : e.hay.indexOf(s) >= 0;
      if (ok && document.getElementById(e.id))
        hits.push({ target: e.id, region: -1,
                    what: 'arrow ' + nameOf(e.from) + ' \u2192 ' + nameOf(e.to) + ': ' + e.labels.join(', ') });
    });
    return hits;
  }
  function go(h, zoom) {
    select(h.target, zoom);
    if (h.region >= 0) openRegion(h.region, viewById[h.target] && viewById[h.target].groups ? viewById[h.target].groups[0] : null);
  }
  function runSearch() {
    var hits = search(q.value);
    clear(results);
    unmarkAll();
    if (!q.value.trim()) { count.textContent = ''; if (selected) select(selected, false); return; }
    count.textContent = hits.length + (hits.length === 1 ? ' match' : ' matches');
    results.appendChild(el('h2', 'Search'));
    var ul = el('ul');
    hits.slice(0, MAX_RESULTS).forEach(function (h) {
      var li = el('li'), b = el('button', h.what, 'link');
      b.type = 'button';
      b.addEventListener('click', function () { go(h, true); });
      li.appendChild(b);
      ul.appendChild(li);
    });
    if (hits.length > MAX_RESULTS) ul.appendChild(el('li', (hits.length - MAX_RESULTS) + ' more', 'muted'));
    results.appendChild(ul);
    var ids = hits.map(function (h) { return h.target; });
    if (ids.length && ids.length <= MAX_MARKED) { dimExcept(ids); mark(ids, 'match'); }
  }
  var pending = null;
  q.addEventListener('input', function () {
    if (pending) clearTimeout(pending);
    pending = setTimeout(function () { pending = null; runSearch(); }, 200);
  });
  q.addEventListener('keydown', function (ev) {
    /* A key that types nothing (Enter, Shift, an arrow) runs a waiting
     * search now; typing goes on waiting for the pause. */
    if (pending && ev.key.length > 1) { clearTimeout(pending); pending = null; runSearch(); }
    if (ev.key === 'Enter') {
      var hits = search(q.value);
      if (hits.length) go(hits[0], true);
    } else if (ev.key === 'Escape') {
      q.value = '';
      runSearch();
    }
  });

  /* ===== Pan and zoom (the viewBox) ===== */
  var vb0 = svg.viewBox.baseVal, home = { x: vb0.x, y: vb0.y, w: vb0.width, h: vb0.height };
  var vb = { x: home.x, y: home.y, w: home.w, h: home.h };
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  /* The drawing's size on screen, read once (and on resize): reading it
   * at each wheel step would force a layout of thousands of objects. */
  var box = null, far = true; /* the page starts with #map.far */
  function screenBox() {
    if (!box) box = map.getBoundingClientRect();
    return box;
  }
  window.addEventListener('resize', function () { box = null; apply(); });
  function scale() {
    var r = screenBox();
    return Math.max(vb.w / (r.width || 1), vb.h / (r.height || 1));
  }
  /* Text under FAR_PX pixels high is hidden: unreadable, and the costliest
   * part of laying out and painting a big drawing. */
  var FAR_PX = 3, TEXT_PT = 10;
  function apply() {
    svg.setAttribute('viewBox', vb.x + ' ' + vb.y + ' ' + vb.w + ' ' + vb.h);
    var f = TEXT_PT / scale() < FAR_PX;
    if (f !== far) { far = f; map.classList.toggle('far', f); }
  }
  function toUser(cx, cy) {
    var r = screenBox(), k = scale();
    return { x: vb.x + (cx - r.left - (r.width - vb.w / k) / 2) * k,
             y: vb.y + (cy - r.top - (r.height - vb.h / k) / 2) * k };
  }
  function zoomTo(id) {
    var e = svgEl(id);
    if (!e) return;
    var b = e.getBoundingClientRect(), a = toUser(b.left, b.top), z = toUser(b.right, b.bottom);
    var w = Math.max(z.x - a.x, 50), h = Math.max(z.y - a.y, 50);
    vb = { x: a.x - w * 0.5, y: a.y - h * 0.5, w: w * 2, h: h * 2 };
    apply();
  }
  map.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var p = toUser(ev.clientX, ev.clientY), f = ev.deltaY > 0 ? 1.2 : 1 / 1.2;
    vb = { x: p.x - (p.x - vb.x) * f, y: p.y - (p.y - vb.y) * f, w: vb.w * f, h: vb.h * f };
    apply();
  }, { passive: false });
  var drag = null, moved = false;
  map.addEventListener('mousedown', function (ev) {
    drag = { x: ev.clientX, y: ev.clientY, vx: vb.x, vy: vb.y, k: scale() };
    moved = false;
  });
  window.addEventListener('mousemove', function (ev) {
    if (!drag) return;
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) { moved = true; map.classList.add('panning'); }
    if (!moved) return;
    vb.x = drag.vx - dx * drag.k;
    vb.y = drag.vy - dy * drag.k;
    apply();
  });
  window.addEventListener('mouseup', function () { drag = null; map.classList.remove('panning'); });
  document.getElementById('fit').addEventListener('click', function () {
    vb = { x: home.x, y: home.y, w: home.w, h: home.h };
    apply();
  });

  /* ===== Clicks on the drawing ===== */
  svg.addEventListener('click', function (ev) {
    if (moved) { moved = false; return; }
    var t = ev.target.closest('g.edge, g.node, g.cluster');
    while (t && !has(viewById, t.id)) t = t.parentNode.closest('g.edge, g.node, g.cluster');
    if (t) select(t.id, false);
    else { selected = null; unmarkAll(); clear(details); }
  });

  /* ===== Legend ===== */
  legend.appendChild(el('h2', 'Legend'));
  var lul = el('ul');
  lul.appendChild(el('li', 'Regions are security groups; boxes inside are their network interfaces.'));
  lul.appendChild(el('li', 'Arrows are the traffic the rules allow, labelled by protocol and port; click one for its rules.'));
  view.legend.forEach(function (row) {
    lul.appendChild(el('li', (row.tag ? '[' + row.tag + '] ' : '') + row.style + ': ' + row.text));
  });
  legend.appendChild(lul);
  if (view.empty) details.appendChild(el('p', 'Nothing to draw: ' + view.empty, 'muted'));
  apply();
  map.classList.remove('loading');
  document.body.setAttribute('data-ready', 'yes');
})();
