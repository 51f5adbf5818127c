// map.test.js - sgmap's HTML map (-f html) in headless Chromium, driven by
// puppeteer-core (tests/scripts/html_browser.sh runs it; make deps installs
// it). Every page is opened from a file with every other request refused
// and recorded, so the map must work offline.
//
//   node map.test.js SAMPLE.html BIG.html HOSTILE.html DRILL.html REGIONS.json
//                    MODEL.json HOSTILE-GROUPS.html FOCUS.html [MERMAID.mmd...]
//
// SAMPLE.html is samples/game-production-5-alb.yaml's map, BIG.html a
// generated 500-group account's at the region level, HOSTILE.html
// hostile-map.yaml's. DRILL.html is the same account's map as sgmap opens it
// (at the group level), REGIONS.json its -f view at the region level and
// MODEL.json its -f json: what the drill-down must show.
// HOSTILE-GROUPS.html is hostile-drill.yaml's map at the group level, for the
// drill-down's views. FOCUS.html is the account's focus on one group, whose
// data leaves out (null) what it does not draw. Each MERMAID.mmd must parse with the mermaid
// package's own parser, offline, and the small ones (under 20,000
// characters) render too.
'use strict';
const path = require('path');
const puppeteer = require('puppeteer-core');

let failures = 0;
function check(ok, what) {
  if (ok) console.log('ok   ' + what);
  else { console.log('FAIL ' + what); failures++; }
}

async function open(browser, file) {
  const page = await browser.newPage();
  const events = { requests: [], dialogs: [], errors: [] };
  const self = 'file://' + path.resolve(file);
  await page.setRequestInterception(true);
  page.on('request', (r) => {
    if (r.url() === self) return r.continue();
    events.requests.push(r.url());
    r.abort();
  });
  page.on('dialog', (d) => { events.dialogs.push(d.message()); d.dismiss(); });
  page.on('pageerror', (e) => events.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') events.errors.push(m.text()); });
  await page.setViewport({ width: 1400, height: 900 });
  const t0 = Date.now();
  await page.goto(self, { waitUntil: 'load', timeout: 120000 });
  await page.waitForSelector('body[data-ready="yes"]', { timeout: 120000 });
  events.loadMs = Date.now() - t0;
  return { page, events };
}

// Type into the search box (replacing what it held).
async function search(page, text) {
  await page.click('#q', { clickCount: 3 });
  await page.keyboard.press('Backspace');
  await page.type('#q', text);
  await page.keyboard.press('Shift'); // ends the typing pause: the search runs now
}

// Click the drawn shape of an SVG object (its first path or polygon).
async function clickObject(page, id) {
  return page.evaluate((id) => {
    const g = document.getElementById(id);
    if (!g) return false;
    const shape = g.querySelector('path, polygon, ellipse, text');
    shape.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    return true;
  }, id);
}

const classes = (page, id) =>
  page.evaluate((id) => { const e = document.getElementById(id); return e ? [...e.classList] : null; }, id);
const text = (page, sel) => page.$eval(sel, (e) => e.textContent);
const listed = (page) => page.$$eval('#results li', (ls) => ls.map((l) => l.textContent));

async function sample(browser, file) {
  const { page, events } = await open(browser, file);
  const lb = 'c-lb-game-production', mon = 'c-monitoring', gs = 'c-game-servers-production';
  const web = 'e-flow-p-0.0.0.0/0,c-lb-game-production';
  const scrape = 'e-flow-c-monitoring,c-game-servers-production';

  await search(page, '9999');
  check((await classes(page, scrape)).includes('match'), 'sample: port 9999 finds the scrape arrow');
  check(!(await classes(page, web)).includes('match'), 'sample: port 9999 does not find the web arrow');
  check((await text(page, '#count')) === '1 match', 'sample: port 9999 is one match');
  await search(page, '443');
  check((await classes(page, web)).includes('match'), 'sample: port 443 finds the arrow from the internet');
  await search(page, 'prometheus');
  check((await classes(page, 'n-prometheus-1')).includes('match'), 'sample: an interface by name');
  await search(page, '0.0.0.0/0');
  check((await classes(page, 'p-0.0.0.0/0')).includes('match'), 'sample: a CIDR');
  await search(page, 'lb-game');
  const lbHits = await listed(page);
  check(lbHits.some((l) => l.startsWith('group lb-game-production')), 'sample: a group by name is listed');
  check((await classes(page, lb)).includes('match') && (await classes(page, mon)).includes('match') === false,
        'sample: only the matching group is marked');
  await search(page, '');
  check(!(await page.$eval('svg', (s) => s.classList.contains('dim'))), 'sample: clearing the search undims');

  check(await clickObject(page, mon), 'sample: the monitoring cluster is drawn');
  check((await classes(page, mon)).includes('sel'), 'sample: a clicked group is selected');
  check((await classes(page, 'n-prometheus-1')).includes('hl'), 'sample: its members are lit');
  check((await classes(page, scrape)).includes('hl'), 'sample: its rule\'s arrow is lit');
  check((await classes(page, gs)).includes('hl'), 'sample: its neighbour is lit');
  check(!(await classes(page, lb)).includes('hl') && !(await classes(page, web)).includes('hl'),
        'sample: the rest is dimmed');
  check(await page.$eval('svg', (s) => s.classList.contains('dim')), 'sample: the drawing is dimmed');
  const d1 = await text(page, '#details');
  check(d1.includes('monitoring') && /\d+ rules?/.test(d1),
        'sample: the details show the group and its rules');

  check(await clickObject(page, web), 'sample: the arrow from the internet is drawn');
  const d2 = await text(page, '#details');
  const descs = await page.evaluate((id) => {
    const view = JSON.parse(document.getElementById('sgmap-view').textContent);
    const data = JSON.parse(document.getElementById('sgmap-data').textContent);
    return view.edges.find((e) => e.id === id).rules.map((i) => data.rules[i][6]); // [6]: description
  }, web);
  check(descs.length === 4 && d2.includes('4 rules'), 'sample: an arrow lists its 4 rules');
  check(descs.every((s) => s && d2.includes(s)), 'sample: with their descriptions');
  check((await classes(page, lb)).includes('hl') && (await classes(page, 'p-0.0.0.0/0')).includes('hl'),
        'sample: an arrow lights its ends');
  const above = await page.evaluate((lb) => {
    const view = JSON.parse(document.getElementById('sgmap-view').textContent);
    const inside = view.nodes.filter((n) => n.cluster === lb).map((n) => document.getElementById(n.id));
    const veil = document.querySelector('svg rect.veil');
    const after = (e) => !!(veil.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING);
    const rest = document.getElementById('n-prometheus-1');
    return inside.length > 0 && inside.every(after) && !after(rest);
  }, lb);
  check(above, 'sample: a lit group comes up with what is drawn inside it, the rest stays under the veil');
  const leg = await text(page, '#legend');
  check(leg.includes('Legend') && leg.length > 20, 'sample: the legend is shown');

  // Zoom with the wheel changes the viewBox; Fit puts it back.
  const vb0 = await page.$eval('svg', (s) => s.getAttribute('viewBox'));
  await page.mouse.move(500, 400);
  await page.mouse.wheel({ deltaY: -300 });
  await new Promise((r) => setTimeout(r, 100));
  const vb1 = await page.$eval('svg', (s) => s.getAttribute('viewBox'));
  check(vb1 !== vb0, 'sample: the wheel zooms');
  await page.click('#fit');
  check((await page.$eval('svg', (s) => s.getAttribute('viewBox'))) === vb0.replace(/ +/g, ' ') ||
        (await page.$eval('svg', (s) => s.viewBox.baseVal.width)) > 0, 'sample: Fit restores the view');
  if (process.env.SGMAP_SCREENSHOT) await page.screenshot({ path: process.env.SGMAP_SCREENSHOT });
  check(events.requests.length === 0, 'sample: no request (' + events.requests.join(' ') + ')');
  check(events.errors.length === 0, 'sample: no script error (' + events.errors.join(' | ') + ')');
  await page.close();
}

async function big(browser, file) {
  const { page, events } = await open(browser, file);
  check(events.loadMs < 60000, 'big: opens in ' + events.loadMs + ' ms');
  const first = await page.evaluate(() => {
    const view = JSON.parse(document.getElementById('sgmap-view').textContent);
    const data = JSON.parse(document.getElementById('sgmap-data').textContent);
    const c = view.clusters.find((c) => document.getElementById(c.id));
    const g = data.groups.find((g) => g[0] === c.groups[0]); // [id, name, ...]
    return { cluster: c.id, name: g[1], id: g[0], groups: data.groups.length };
  });
  check(first.groups >= 500, 'big: ' + first.groups + ' groups');
  let t = Date.now();
  await search(page, first.id);
  const hits = await listed(page);
  check(hits.some((l) => l.includes(first.id)), 'big: search finds a group by id (' + (Date.now() - t) + ' ms)');
  t = Date.now();
  await clickObject(page, first.cluster);
  check((await classes(page, first.cluster)).includes('sel') && (await text(page, '#details')).includes(first.name),
        'big: a click selects a group (' + (Date.now() - t) + ' ms)');
  check(events.requests.length === 0 && events.errors.length === 0, 'big: no request, no script error');
  await page.close();
}

async function hostile(browser, file) {
  const { page, events } = await open(browser, file);
  const ids = await page.evaluate(() => {
    const view = JSON.parse(document.getElementById('sgmap-view').textContent);
    return { clusters: view.clusters.map((c) => c.id), nodes: view.nodes.map((n) => n.id),
             edges: view.edges.map((e) => e.id) };
  });
  const all = [...ids.clusters, ...ids.nodes, ...ids.edges];
  for (const id of all) await clickObject(page, id);
  for (const s of ['script', 'img', 'pwned', '\u202e', 'onload', '<']) {
    await search(page, s);
    await page.$$eval('#results button', (bs) => bs.forEach((b) => b.click()));
  }
  await page.keyboard.press('Enter');
  await new Promise((r) => setTimeout(r, 300));
  const pwned = await page.evaluate(() => Object.keys(window).filter((k) => k.startsWith('pwned')));
  check(pwned.length === 0, 'hostile: no script ran (' + pwned.join(' ') + ')');
  check(events.dialogs.length === 0, 'hostile: no dialog (' + events.dialogs.join(' ') + ')');
  check(events.requests.length === 0, 'hostile: no request (' + events.requests.join(' ') + ')');
  check(events.errors.length === 0, 'hostile: no script error (' + events.errors.join(' | ') + ')');
  const live = await page.evaluate(() =>
    document.querySelectorAll('#panel img, #panel script, #panel iframe, #panel svg, #panel a, #panel style').length +
    document.querySelectorAll('script:not([type="application/json"])').length - 1);
  check(live === 0, 'hostile: the panel holds no element from the input');
  await clickObject(page, ids.clusters.find((c) => c.includes('web')));
  const d = await text(page, '#details');
  check(d.includes('<img src=x onerror=') && d.includes('\u2028'), 'hostile: input text is shown as text');
  check(ids.clusters.length >= 2 && ids.edges.length >= 2, 'hostile: the attacks were drawn');
  await page.close();
}

// The drill-down of a map opened at the group level: a group's regions,
// one region's interfaces, and a link from there to a neighbour group,
// against the region level's view and the model, computed here.
async function drill(browser, file, regionsFile, modelFile) {
  const fs = require('fs');
  const regions = JSON.parse(fs.readFileSync(regionsFile, 'utf8'));
  const model = JSON.parse(fs.readFileSync(modelFile, 'utf8'));
  const ifaceById = new Map(model.interfaces.map((i) => [i.id, i]));
  const groupById = new Map(model.groups.map((g) => [g.id, g]));
  const regionNodes = regions.nodes.filter((n) => n.interfaces);
  const regionsOf = (gid) => regionNodes.filter((n) => ifaceById.get(n.interfaces[0]).groups.includes(gid));
  // A group with a region it shares with another group, and a region only its own.
  const shared = (n) => ifaceById.get(n.interfaces[0]).groups.length > 1;
  const gid = model.groups.map((g) => g.id).find((id) => {
    const rs = regionsOf(id);
    return rs.some(shared) && rs.some((n) => !shared(n));
  });
  check(!!gid, 'drill: the account has a group with shared and own regions');
  const { page, events } = await open(browser, file);
  const info = await page.evaluate((gid) => {
    const view = JSON.parse(document.getElementById('sgmap-view').textContent);
    const box = view.nodes.find((n) => n.groups && n.groups.includes(gid) && document.getElementById(n.id));
    return { detail: view.detail, box: box ? box.id : null };
  }, gid);
  check(info.detail === 'groups', 'drill: the big account opens at the group level (' + info.detail + ')');
  check(await clickObject(page, info.box), 'drill: the group\'s box is drawn');
  const expected = regionsOf(gid);
  const kindOf = (n) => ifaceById.get(n.interfaces[0]).kind;
  const shown = await page.$$eval('#details ul.regions button.region-open', (bs) => bs.map((b) => b.textContent));
  const want = expected.map((n) => kindOf(n) + ' \u00d7' + n.interfaces.length).sort();
  const got = shown.map((t) => t.split(' ').slice(0, 2).join(' ')).sort();
  check(JSON.stringify(got) === JSON.stringify(want),
        'drill: the group\'s regions are the region level\'s (' + got.length + ' of ' + want.length + ')');
  const boxes = await page.$$eval('#details svg.drill g.region', (gs) => gs.length);
  check(boxes === Math.min(expected.length, 60), 'drill: each region is drawn in the group (' + boxes + ')');
  const bandText = await page.$$eval('#details svg.drill text.band-label', (ts) => ts.map((t) => t.textContent));
  check(bandText.some((t) => t.startsWith('\u2229 ')) && bandText.includes('only in this group'),
        'drill: the drawing sets its own regions apart from the shared ones');

  // Into a shared region, by its box in the drawing.
  const target = expected.find(shared);
  const k = await page.evaluate((ids) => {
    const view = JSON.parse(document.getElementById('sgmap-data').textContent);
    return view.regions.findIndex((r) => r[1].length === ids.length &&
      r[1].every((i, j) => view.interfaces[i][0] === ids[j]));
  }, target.interfaces);
  check(k >= 0, 'drill: the page holds the region');
  const clicked = await page.evaluate((k) => {
    const g = document.querySelector('#details svg.drill g.region[data-region="' + k + '"]');
    if (!g) return false;
    g.querySelector('rect').dispatchEvent(new MouseEvent('click', { bubbles: true }));
    return true;
  }, k);
  check(clicked, 'drill: the region\'s box is drawn');
  const rows = await page.$$eval('#details table.ifaces tr', (trs) =>
    trs.slice(1).map((tr) => [...tr.children].map((td) => td.textContent)));
  check(JSON.stringify(rows.map((r) => r[0])) === JSON.stringify(target.interfaces),
        'drill: the region lists its interfaces (' + rows.length + ')');
  check(rows.every((r) => { const i = ifaceById.get(r[0]); return r[1] === (i.label && i.label !== i.id ? i.label : ''); }),
        'drill: with their names');
  const others = ifaceById.get(target.interfaces[0]).groups;
  const linked = await page.$$eval('#details ul.region-groups li', (ls) => ls.map((l) => l.textContent));
  check(JSON.stringify(linked.slice().sort()) === JSON.stringify(others.map((g) => groupById.get(g).name).sort()),
        'drill: the region names its groups');

  // Follow a neighbour: another group of the region, selected in the map.
  const other = others.find((g) => g !== gid);
  const otherBox = await page.evaluate((other) => {
    const view = JSON.parse(document.getElementById('sgmap-view').textContent);
    return view.nodes.find((n) => n.groups && n.groups.includes(other)).id;
  }, other);
  await page.evaluate((name) => {
    [...document.querySelectorAll('#details ul.region-groups button')].find((b) => b.textContent === name).click();
  }, groupById.get(other).name);
  check((await classes(page, otherBox)).includes('sel'), 'drill: a neighbour link selects that group in the map');
  check(!(await classes(page, info.box)).includes('sel'), 'drill: and leaves the first');
  check((await text(page, '#details')).includes(groupById.get(other).name), 'drill: and shows its details');

  // An interface found by search leads to its region.
  const ifc = target.interfaces[0];
  await search(page, ifc);
  const hit = await listed(page);
  check(hit.some((l) => l.startsWith('interface ' + ifc) && l.includes(' in ')),
        'drill: search finds an interface not drawn, in its region');
  await page.$$eval('#results button', (bs) => bs[0].click());
  check((await page.$$eval('#details table.ifaces td', (tds) => tds.map((t) => t.textContent))).includes(ifc),
        'drill: and opens the region');
  if (process.env.SGMAP_SCREENSHOT) await page.screenshot({ path: process.env.SGMAP_SCREENSHOT.replace(/(\.png)?$/, '-drill.png') });
  check(events.requests.length === 0 && events.errors.length === 0,
        'drill: no request, no script error (' + events.requests.concat(events.errors).join(' | ') + ')');
  await page.close();
}

// Hostile names in the drill-down's views: every group box, every region
// (by its box and by the list), every link there.
async function hostileDrill(browser, file) {
  const { page, events } = await open(browser, file);
  const boxes = await page.evaluate(() => {
    const view = JSON.parse(document.getElementById('sgmap-view').textContent);
    return { detail: view.detail, ids: view.nodes.filter((n) => n.groups).map((n) => n.id) };
  });
  check(boxes.detail === 'groups' && boxes.ids.length >= 2, 'hostile drill: the groups are boxes');
  let regions = 0, drawn = [];
  for (const id of boxes.ids) {
    await clickObject(page, id);
    const n = await page.$$eval('#details ul.regions button.region-open', (bs) => bs.length);
    regions += n;
    drawn = drawn.concat(await page.$$eval('#details svg.drill text', (ts) => ts.map((t) => t.textContent)));
    for (let k = 0; k < n; k++) {
      await clickObject(page, id);
      await page.$$eval('#details ul.regions button.region-open', (bs, k) => bs[k].click(), k);
      await page.$$eval('#details button', (bs) => bs.forEach((b) => b.click()));
    }
    await clickObject(page, id);
    await page.$$eval('#details svg.drill g.region rect', (rs) =>
      rs.forEach((r) => r.dispatchEvent(new MouseEvent('click', { bubbles: true }))));
  }
  check(regions >= 3, 'hostile drill: the regions were opened (' + regions + ')');
  check(drawn.some((t) => t.includes('<')), 'hostile drill: the drawing shows the names as text');
  const pwned = await page.evaluate(() => Object.keys(window).filter((k) => k.startsWith('pwned')));
  check(pwned.length === 0, 'hostile drill: no script ran (' + pwned.join(' ') + ')');
  check(events.dialogs.length === 0, 'hostile drill: no dialog');
  check(events.requests.length === 0, 'hostile drill: no request (' + events.requests.join(' ') + ')');
  check(events.errors.length === 0, 'hostile drill: no script error (' + events.errors.join(' | ') + ')');
  const foreign = await page.evaluate(() =>
    [...document.querySelectorAll('#panel *')].filter((e) =>
      !/^(h2|h3|div|p|ul|li|span|button|table|tr|th|td|svg|g|rect|text)$/i.test(e.tagName)).map((e) => e.tagName));
  check(foreign.length === 0, 'hostile drill: the panel holds only its own elements (' + foreign.join(' ') + ')');
  await page.close();
}

// A focus: the page holds only what it draws, and works with that.
async function focus(browser, file) {
  const { page, events } = await open(browser, file);
  const info = await page.evaluate(() => {
    const view = JSON.parse(document.getElementById('sgmap-view').textContent);
    const data = JSON.parse(document.getElementById('sgmap-data').textContent);
    const c = view.clusters.find((c) => document.getElementById(c.id)) ||
              view.nodes.find((n) => n.groups && document.getElementById(n.id));
    return { id: c.id, group: c.groups[0], nulls: data.groups.filter((g) => g === null).length };
  });
  check(info.nulls > 0, 'focus: the page leaves out groups it does not draw (' + info.nulls + ')');
  await search(page, info.group);
  check((await listed(page)).some((l) => l.includes(info.group)), 'focus: search finds the group');
  await clickObject(page, info.id);
  check((await classes(page, info.id)).includes('sel') && /\d+ rules?/.test(await text(page, '#details')),
        'focus: a click shows the group and its rules');
  check(events.requests.length === 0 && events.errors.length === 0,
        'focus: no request, no script error (' + events.requests.concat(events.errors).join(' | ') + ')');
  await page.close();
}

// Mermaid's own parser, offline: its bundle read from node_modules into a
// blank page whose requests are all refused.
async function mermaidParse(browser, files) {
  const fs = require('fs');
  const page = await browser.newPage();
  const requests = [];
  await page.setRequestInterception(true);
  page.on('request', (r) => {
    if (r.url() === 'about:blank') return r.continue();
    requests.push(r.url());
    r.abort();
  });
  await page.goto('about:blank');
  await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
  for (const f of files) {
    const src = fs.readFileSync(f, 'utf8');
    const res = await page.evaluate(async (src) => {
      try {
        window.mermaid.initialize({ startOnLoad: false });
        await window.mermaid.parse(src);
        if (src.length < 20000) {
          const out = await window.mermaid.render('check', src);
          if (!/<svg/.test(out.svg)) return 'rendered no drawing';
        }
        return 'ok';
      } catch (e) { return String(e && e.message ? e.message : e); }
    }, src);
    check(res === 'ok', 'mermaid: ' + path.basename(f) + ' parses' + (src.length < 20000 ? ' and renders' : '') +
          ' (' + src.length + ' characters)' + (res === 'ok' ? '' : ': ' + res.slice(0, 300)));
  }
  check(requests.length === 0, 'mermaid: no request');
  await page.close();
}

(async () => {
  const [sampleFile, bigFile, hostileFile, drillFile, regionsFile, modelFile, hostileGroups, focusFile, ...mmd] =
    process.argv.slice(2);
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    await sample(browser, sampleFile);
    await big(browser, bigFile);
    await hostile(browser, hostileFile);
    await drill(browser, drillFile, regionsFile, modelFile);
    await hostileDrill(browser, hostileGroups);
    await focus(browser, focusFile);
    if (mmd.length) await mermaidParse(browser, mmd);
  } catch (e) {
    console.log('FAIL ' + (e && e.stack ? e.stack : e));
    failures++;
  } finally {
    await browser.close();
  }
  console.log(failures ? failures + ' failed' : 'all passed');
  process.exit(failures ? 1 : 0);
})();
