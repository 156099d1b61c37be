import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { test } from 'vitest';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, traceMessage } from './harness';
import { contentSecurityPolicy } from '../../src/preview/security';

test('mermaid 11 vs 12: a 200-message page', async () => {
  const lines = ['@adapter pf0'];
  for (let i = 0; i < 100; i++) lines.push(`10:00:00.${String(i).padStart(3, '0')}000 VSTACK -> PF QUERY OID_SRIOV_READ_VF_CONFIG_SPACE vf=1`, `10:00:00.${String(i).padStart(3, '0')}500 PF -> VSTACK COMPLETE OID_SRIOV_READ_VF_CONFIG_SPACE NDIS_STATUS_SUCCESS vf=1`);
  lines[150] = lines[150]!.replace('NDIS_STATUS_SUCCESS', 'NDIS_STATUS_FAILURE');
  const msg = traceMessage(lines.join('\n'), 'm.oidtrace', 0);
  const server = createServer((req, res) => {
    const u = req.url!;
    const m = /^\/(out1[12])\/(.*)$/.exec(u);
    if (u === '/stub.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(`window.acquireVsCodeApi=()=>({postMessage(){},getState(){},setState(){}});`);
    if (m && m[2] === 'page.html') return void res.writeHead(200, { 'content-type': 'text/html' }).end(`<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy('http://127.0.0.1:*', 'n0')}"><link rel="stylesheet" href="/preview.css"></head><body class="vscode-light" style="--vscode-font-family: sans-serif; --vscode-font-size: 13px"><div id="app" data-state="{}"></div><script nonce="n0" src="/stub.js"></script><script nonce="n0" src="/${m[1]}/preview.js"></script></body></html>`);
    if (m) return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(`/tmp/m12/${m[1]}/${m[2]}`));
    if (u === '/preview.css') return void res.writeHead(200, { 'content-type': 'text/css' }).end(readFileSync('media/preview.css'));
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const results: Record<string, number[]> = { out11: [], out12: [] };
  const notes: Record<string, unknown> = {};
  for (let round = 0; round < 5; round++) {
    for (const v of ['out11', 'out12']) {
      const p = await browser.newPage({ viewport: { width: 720, height: 800 } });
      await p.goto(`http://127.0.0.1:${port}/${v}/page.html`);
      await p.evaluate(() => { (window as any).__draw = []; new PerformanceObserver((l) => l.getEntries().forEach((e) => e.name === 'oidtrace: draw' && (window as any).__draw.push(e.duration))).observe({ entryTypes: ['measure'] }); });
      await p.evaluate((m) => window.postMessage(m, '*'), msg);
      await p.waitForSelector('#diagram svg', { timeout: 30000 });
      await p.waitForTimeout(200);
      // A second draw of the same page (the theme's class toggled): the warm figure.
      await p.evaluate(() => { document.body.classList.add('vscode-dark'); document.body.classList.remove('vscode-light'); });
      await p.waitForFunction(() => (window as any).__draw.length >= 2, undefined, { timeout: 30000 });
      const d = await p.evaluate(() => (window as any).__draw as number[]);
      results[v]!.push(d[1]!);
      if (round === 0) notes[v] = await p.$$eval('#diagram rect.note', (rs) => rs.map((r) => { const b = r.getBoundingClientRect(); return [...r.parentElement!.querySelectorAll('text.noteText')].every((t) => { const x = t.getBoundingClientRect(); return x.left >= b.left - 1 && x.right <= b.right + 1; }); }));
      await p.close();
    }
  }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!.toFixed(0);
  console.log('draw ms (warm, 5 runs):', JSON.stringify(Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { median: med(v), all: v.map((x) => Math.round(x)) }]))));
  console.log('notes inside boxes:', JSON.stringify(notes));
  await browser.close();
  server.close();
}, 300000);
