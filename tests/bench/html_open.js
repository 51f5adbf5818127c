// html_open.js - how long sgmap's HTML map takes to open in headless
// Chromium and to answer its first search (tests/bench/html.sh runs it).
//
//   node html_open.js MAP.html SEARCH RUNS
//
// Each run opens the page in a fresh tab, waits until the map is ready and
// drawn (two animation frames), enters SEARCH at once, and waits until the answer is
// listed and drawn. Prints, per run, "open_ms search_ms open_cpu_ms
// search_cpu_ms matches": wall times, and the renderer's main-thread task
// time (Chromium's TaskDuration), which the load of a shared machine
// changes less. puppeteer-core comes from tests/browser/node_modules.
'use strict';
const path = require('path');
const browserDir = path.join(__dirname, '..', 'browser');
const puppeteer = require(require.resolve('puppeteer-core', { paths: [browserDir] }));

const frames = (page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))));

(async () => {
  const [file, query, runs] = process.argv.slice(2);
  const url = 'file://' + path.resolve(file);
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    for (let i = 0; i < (+runs || 1); i++) {
      const page = await browser.newPage();
      await page.setViewport({ width: 1400, height: 900 });
      const t0 = Date.now();
      await page.goto(url, { waitUntil: 'load', timeout: 300000 });
      await page.waitForSelector('body[data-ready="yes"]', { timeout: 300000 });
      await frames(page);
      const t1 = Date.now();
      const m1 = await page.metrics();
      await page.focus('#q');
      await page.evaluate((q) => {
        const box = document.getElementById('q');
        box.value = q;
        box.dispatchEvent(new Event('input'));
      }, query);
      await page.keyboard.press('Shift'); // the search runs now, not after the typing pause
      await page.waitForFunction(() => document.getElementById('count').textContent !== '', { timeout: 300000 });
      await frames(page);
      const t2 = Date.now();
      const m2 = await page.metrics();
      const matches = await page.$eval('#count', (e) => e.textContent);
      console.log([t1 - t0, t2 - t1, Math.round(m1.TaskDuration * 1000),
                   Math.round((m2.TaskDuration - m1.TaskDuration) * 1000), matches.split(' ')[0]].join(' '));
      await page.close();
    }
  } finally {
    await browser.close();
  }
})().catch((e) => { console.error(e && e.stack ? e.stack : e); process.exit(1); });
