/*
 * map.js - the behaviour of sgmap's HTML map (-f html), built into the
 * binary and allowed by its hash in the page's Content-Security-Policy.
 * It reads the drawing's data (the -f view JSON and the -f json model,
 * inert <script type="application/json"> blocks) and the inline SVG; pan
 * and zoom, search, selection with its details, the legend. Every text
 * from the inputs goes into the page with textContent, never as markup.
 */
(function () {
  'use strict';
  var view = JSON.parse(document.getElementById('sgmap-view').textContent);
  var model = JSON.parse(document.getElementById('sgmap-model').textContent);
  var map = document.getElementById('map');
  var svg = map.querySelector('svg');
  var q = document.getElementById('q');
  var count = document.getElementById('count');
  var details = document.getElementById('details');
  var results = document.getElementById('results');
  var legend = document.getElementById('legend');
  var MAX_RESULTS = 200;

  /* ===== Indexes ===== */
  var groups = {}, ifaces = {}, viewById = {}, groupEl = {}, ifaceNode = {};
  var edgesOf = {}, children = {};
  model.groups.forEach(function (g) { groups[g.id] = g; });
  model.interfaces.forEach(function (i) { ifaces[i.id] = i; });
  function edgeList(id) {
    if (!Object.prototype.hasOwnProperty.call(edgesOf, id)) edgesOf[id] = [];
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
  });
  view.edges.forEach(function (e) {
    viewById[e.id] = e;
    e.kind = 'edge';
    edgeList(e.from).push(e);
    if (e.to !== e.from) edgeList(e.to).push(e);
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
    var r = model.rules[index], box = el('div', null, 'rule');
    if (!r) return box;
    box.appendChild(el('div', ruleText(r)));
    box.appendChild(el('div', r.description ? r.description : '(no description)', 'desc'));
    if (r.source) box.appendChild(el('div', r.source, 'muted'));
    return box;
  }

  /* ===== Highlight ===== */
  var marked = [];
  function mark(ids, cls) {
    ids.forEach(function (id) {
      var e = svgEl(id);
      if (e) { e.classList.add(cls); marked.push([e, cls]); }
    });
  }
  function unmarkAll() {
    marked.forEach(function (m) { m[0].classList.remove(m[1]); });
    marked = [];
    svg.classList.remove('dim');
  }
  function dimExcept(ids) {
    svg.classList.add('dim');
    mark(ids, 'hl');
  }

  /* Everything a selected object lights up: itself, what it encloses,
   * its arrows and the objects at their other ends. */
  function closure(o) {
    var lit = {}, edges = [], seen = {}, ruleGroups = {};
    function add(id) { lit[id] = true; }
    function addEdges(id) {
      (edgesOf[id] || []).forEach(function (e) {
        if (!seen[e.id]) { seen[e.id] = true; edges.push(e); }
      });
    }
    add(o.id);
    if (o.kind === 'edge') {
      add(o.from); add(o.to); edges.push(o);
      return { lit: lit, edges: edges };
    }
    var inside = [o.id], within = {}, stack = [o.id];
    within[o.id] = true;
    while (stack.length) {
      var c = stack.pop();
      (children[c] || []).forEach(function (k) { inside.push(k); within[k] = true; stack.push(k); add(k); });
    }
    if (o.groups) {
      o.groups.forEach(function (gid) {
        ruleGroups[gid] = true;
        var g = groups[gid];
        if (g) g.members.forEach(function (i) { if (ifaceNode[i]) { add(ifaceNode[i]); inside.push(ifaceNode[i]); } });
      });
      view.nodes.forEach(function (n) {
        if (n.cluster && within[n.cluster] && !lit[n.id]) { add(n.id); inside.push(n.id); }
      });
    }
    addEdges(o.id);
    if (o.groups) {
      view.edges.forEach(function (e) {
        if (seen[e.id]) return;
        for (var i = 0; i < e.rules.length; i++) {
          var r = model.rules[e.rules[i]];
          if (r && ruleGroups[r.group]) { seen[e.id] = true; edges.push(e); break; }
        }
      });
    }
    edges.forEach(function (e) { add(e.from); add(e.to); });
    return { lit: lit, edges: edges };
  }

  /* ===== Details ===== */
  function showGroup(box, gid) {
    var g = groups[gid];
    box.appendChild(el('h3', g ? g.name : gid));
    if (!g) { box.appendChild(el('p', 'not in the input', 'muted')); return; }
    box.appendChild(el('div', 'id: ' + g.id, 'muted'));
    if (g.vpc) box.appendChild(el('div', 'VPC: ' + g.vpc, 'muted'));
    box.appendChild(el('p', g.description ? g.description : '(no description)'));
    box.appendChild(el('div', g.members.length + ' member' + (g.members.length === 1 ? '' : 's')));
    var ul = el('ul');
    g.members.slice(0, 50).forEach(function (i) {
      var li = el('li');
      var label = has(ifaces, i) && ifaces[i].label && ifaces[i].label !== i ? i + ' (' + ifaces[i].label + ')' : i;
      li.appendChild(ifaceNode[i] ? link(label, ifaceNode[i]) : el('span', label));
      ul.appendChild(li);
    });
    if (g.members.length > 50) ul.appendChild(el('li', (g.members.length - 50) + ' more', 'muted'));
    box.appendChild(ul);
    var rules = [];
    model.rules.forEach(function (r, i) { if (r.group === gid) rules.push(i); });
    box.appendChild(el('div', rules.length + ' rule' + (rules.length === 1 ? '' : 's')));
    rules.forEach(function (i) { box.appendChild(ruleBox(i)); });
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
  function search(text) {
    var s = text.trim().toLowerCase(), hits = [], seen = {};
    function hit(id, what) {
      if (!id || seen[id] || !document.getElementById(id)) return;
      seen[id] = true;
      hits.push([id, what]);
    }
    if (!s) return hits;
    var port = /^\d{1,5}$/.test(s) ? +s : -1;
    function has_(v) { return typeof v === 'string' && v.toLowerCase().indexOf(s) >= 0; }
    model.groups.forEach(function (g) {
      if (has_(g.name) || has_(g.id)) hit(groupEl[g.id], 'group ' + g.name + (g.name !== g.id ? ' (' + g.id + ')' : ''));
    });
    model.interfaces.forEach(function (i) {
      if (has_(i.id) || has_(i.label) || (i.addresses || []).some(has_))
        hit(ifaceNode[i.id], 'interface ' + i.id + (i.label && i.label !== i.id ? ' (' + i.label + ')' : ''));
    });
    view.nodes.forEach(function (n) {
      if (n.peer && (has_(n.peer.id) || has_(n.label) || (n.peer.also || []).some(has_)))
        hit(n.id, n.peer.type + ' ' + n.peer.id);
    });
    view.edges.forEach(function (e) {
      var ok = e.labels.some(function (l) { return port >= 0 ? portMatches(l, port) : has_(l); });
      if (ok) hit(e.id, 'arrow ' + nameOf(e.from) + ' \u2192 ' + nameOf(e.to) + ': ' + e.labels.join(', '));
    });
    return hits;
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
      var li = el('li');
      li.appendChild(link(h[1], h[0]));
      ul.appendChild(li);
    });
    if (hits.length > MAX_RESULTS) ul.appendChild(el('li', (hits.length - MAX_RESULTS) + ' more', 'muted'));
    results.appendChild(ul);
    var ids = hits.map(function (h) { return h[0]; });
    if (ids.length) { dimExcept(ids); mark(ids, 'match'); }
  }
  var pending = null;
  q.addEventListener('input', function () {
    if (pending) clearTimeout(pending);
    pending = setTimeout(function () { pending = null; runSearch(); }, 200);
  });
  q.addEventListener('keydown', function (ev) {
    if (pending) { clearTimeout(pending); pending = null; runSearch(); }
    if (ev.key === 'Enter') {
      var hits = search(q.value);
      if (hits.length) select(hits[0][0], true);
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
  function apply() { svg.setAttribute('viewBox', vb.x + ' ' + vb.y + ' ' + vb.w + ' ' + vb.h); }
  function scale() {
    var r = svg.getBoundingClientRect();
    return Math.max(vb.w / (r.width || 1), vb.h / (r.height || 1));
  }
  function toUser(cx, cy) {
    var r = svg.getBoundingClientRect(), k = scale();
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
  document.body.setAttribute('data-ready', 'yes');
})();
