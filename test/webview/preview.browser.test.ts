/**
 * The preview webview in headless Chromium, fed the engine's output for the
 * sample traces: what a user sees and what a click sends back to the extension.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { correlateMessage, PreviewHarness, posted, sample, send, traceMessage, type Theme } from './harness';
import type { ToWebview } from '../../src/preview/protocol';

const OUT = join(__dirname, '..', 'output', 'webview');
const harness = new PreviewHarness();

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  await harness.start();
}, 60000);
afterAll(() => harness.stop());

async function showSample(name: string, theme: Theme = 'light', episode?: number): Promise<Page> {
  const page = await harness.open(theme);
  await send(page, traceMessage(sample(name), name, episode));
  await page.waitForSelector('#diagram svg', { timeout: 20000 });
  return page;
}

const messageTexts = (page: Page) => page.$$eval('#diagram text.messageText', (els) => els.map((e) => e.textContent ?? ''));
/** Each note's text, its wrapped lines joined by a space. */
const noteTexts = (page: Page) =>
  page.$$eval('#diagram rect.note', (els) => els.map((e) => [...e.parentElement!.querySelectorAll('text.noteText')].map((t) => t.textContent ?? '').join(' ')));

describe('episode diagram', () => {
  test('draws the messages of a teardown in trace order with their documented steps', async () => {
    const page = await showSample('teardown-order.oidtrace');
    expect(await messageTexts(page)).toEqual([
      'G3 UNBIND VF 2',
      'G4 DATAPATH path=synthetic VF 2',
      'T1 MOVE_FILTER VF 2, filter 7, VPort 3→0',
      '✓ MOVE_FILTER SUCCESS (0.4 ms)',
      'T3 RESET_VF VF 2',
      '✓ RESET_VF SUCCESS (40 ms)',
      'T2 DELETE_VPORT VF 2, VPort 3',
      '✓ DELETE_VPORT (0.3 ms)',
      '… T3 RESET_VF: documented place (came at line 7)',
      'T4 FREE_VF VF 2',
      '✓ FREE_VF SUCCESS (0.2 ms)',
    ]);
    // Participants left to right, as the user reads them.
    const actors = await page.$$eval('#diagram text.actor', (els) => [
      ...new Set(
        els
          .map((e) => ({ x: e.getBoundingClientRect().x, t: e.textContent }))
          .sort((p, q) => p.x - q.x)
          .map((e) => e.t),
      ),
    ]);
    expect(actors).toEqual(['Virtualization stack', 'PF miniport', 'NetVSC']);
    await page.close();
  });

  test('highlights the out-of-order step with a note naming the step it should follow', async () => {
    const page = await showSample('teardown-order.oidtrace');
    expect(await noteTexts(page)).toContain('⚠ teardown-order: should follow T2 DELETE_VPORT (line 9)');
    // The rect region drawn around the premature RESET_VF (Mermaid draws `rect` blocks as rect.rect).
    const fills = await page.$$eval('#diagram rect.rect', (els) => els.map((e) => e.getAttribute('fill')));
    expect(fills.length).toBe(1);
    expect(fills[0]).toMatch(/^rgba\(/);
    const t3 = page.locator('#checklist tr[data-step="T3"]');
    await expect.poll(() => t3.textContent()).toContain('out of order (teardown-order)');
    expect(await page.locator('#checklist tr[data-step="T3"]').textContent()).toContain('40.0 ms');
    await page.close();
  });

  test('shows a documented step that never came as a ghost arrow where it was due, and a missing checklist row', async () => {
    const page = await showSample('teardown-missing-step.oidtrace');
    expect(await page.$$eval('#diagram text.messageText.ghost', (els) => els.map((e) => e.textContent))).toEqual(['… T3 RESET_VF: missing, due here']);
    expect(await page.locator('#checklist tr[data-step="T3"]').textContent()).toContain('missing');
    await page.close();
  });

  test('marks a failed completion and a pending request', async () => {
    const page = await showSample('oid-failed-and-pending.oidtrace');
    const texts = await messageTexts(page);
    expect(texts).toContain('✗ RESET_VF FAILURE (40 ms)');
    expect((await noteTexts(page)).some((n) => n.startsWith('⚠ oid-pending: OID_NIC_SWITCH_FREE_VF for VF 2 was never completed'))).toBe(true);
    expect(await page.locator('#checklist tr[data-step="T3"] td.state').textContent()).toContain('failed: FAILURE');
    expect(await page.locator('#checklist tr[data-step="T4"] td.state').textContent()).toContain('never completed');
    await page.close();
  });
});

describe('navigation', () => {
  test('clicking a message, a note or a checklist row posts a reveal of its trace line', async () => {
    const page = await showSample('teardown-order.oidtrace');
    await page.locator('#diagram text.messageText', { hasText: 'T2 DELETE_VPORT' }).click();
    await page.locator('#diagram text.noteText', { hasText: 'teardown-order' }).click({ force: true });
    await page.locator('#checklist tr[data-step="T4"]').click();
    const reveals = (await posted(page)).filter((m) => m.type === 'reveal');
    expect(reveals).toEqual([
      { type: 'reveal', line: 9 },
      { type: 'reveal', line: 7 },
      { type: 'reveal', line: 11 },
    ]);
    await page.close();
  });

  test.each([
    ['error', '/w/other.log is not open as an OID trace.'],
    ['status', 'Analysing other.log…'],
  ] as const)('a %s after a trace clears it: no diagram, episodes or checklist to click into the wrong file', async (type, message) => {
    const page = await showSample('teardown-order.oidtrace');
    await expect.poll(() => page.locator('#checklist tr[data-step="T4"]').count()).toBe(1);
    await send(page, { type, message });
    await expect.poll(() => page.locator('#status').textContent()).toBe(message);
    expect(await page.locator('#status').evaluate((e) => e.classList.contains('error'))).toBe(type === 'error');
    expect(await page.locator('#diagram svg').count()).toBe(0);
    expect(await page.locator('#checklist tr[data-step]').count()).toBe(0);
    expect(await page.locator('#episode-picker option').count()).toBe(0);
    // A redraw from the toolbar keeps the message (it said 'No SR-IOV OID events in this trace.').
    await page.locator('#show-reference').click();
    await page.waitForTimeout(200);
    expect(await page.locator('#status').textContent()).toBe(message);
    // The next trace draws as usual.
    await send(page, traceMessage(sample('vf-still-in-use.oidtrace'), 'vf-still-in-use.oidtrace', undefined, 2));
    await page.waitForSelector('#diagram svg', { timeout: 20000 });
    await page.close();
  });

  test('Search… asks the extension for "Go to Episode…", by click and by keyboard', async () => {
    const page = await showSample('setup-order.oidtrace');
    await page.locator('#search-episodes').click();
    await page.locator('#search-episodes').focus();
    await page.keyboard.press('Enter');
    expect((await posted(page)).filter((m) => m.type === 'searchEpisodes')).toEqual([{ type: 'searchEpisodes' }, { type: 'searchEpisodes' }]);
    await page.close();
  });

  test('the editor cursor highlights its message; the picker asks for another episode', async () => {
    const page = await showSample('vf-still-in-use.oidtrace');
    await send(page, { type: 'highlight', line: 8 });
    expect(await page.$$eval('#diagram text.messageText.current', (els) => els.map((e) => e.textContent))).toEqual(['T2 DELETE_VPORT VF 1, VPort 1']);
    await page.locator('#next-episode').click();
    await page.locator('#prev-episode').click();
    const selects = (await posted(page)).filter((m) => m.type === 'selectEpisode');
    expect(selects).toEqual([{ type: 'selectEpisode', index: 0 }]);
    await page.close();
  });

  test('an update with the same episode (an edit elsewhere in the trace) keeps the drawn diagram; a changed one redraws', async () => {
    const page = await showSample('teardown-order.oidtrace');
    const svgId = () => page.$eval('#diagram svg', (e) => e.id);
    const first = await svgId();
    await send(page, traceMessage(sample('teardown-order.oidtrace'), 'teardown-order.oidtrace', undefined, 2));
    await send(page, traceMessage(sample('teardown-order.oidtrace'), 'teardown-order.oidtrace', undefined, 3, { readingLines: 12 }));
    await expect.poll(() => page.locator('#status').textContent()).toContain('still reading the trace (12 lines so far)');
    expect(await svgId()).toBe(first);
    // The RESET_VF moved after the DELETE_VPORT: the episode changed, the diagram is drawn again.
    const fixed = sample('teardown-clean.oidtrace');
    await send(page, traceMessage(fixed, 'teardown-order.oidtrace', 0, 4));
    await expect.poll(svgId).not.toBe(first);
    await page.close();
  });

  test('an edit that only moves lines keeps the drawing; its clicks reveal the new lines', async () => {
    const page = await showSample('teardown-clean.oidtrace');
    const svgId = () => page.$eval('#diagram svg', (e) => e.id);
    const first = await svgId();
    // Two comment lines typed at the top: every event moves down two lines.
    const moved = `# typed\n# typed\n${sample('teardown-clean.oidtrace')}`;
    await send(page, traceMessage(moved, 'teardown-clean.oidtrace', undefined, 2));
    await expect.poll(() => page.locator('#status').textContent()).toBe('pf0 · VF 2 teardown: lines 6–18, 0 problems');
    await page.waitForTimeout(800); // past the settle delay: a redraw would have happened
    expect(await svgId()).toBe(first);
    await page.locator('#diagram text.messageText', { hasText: 'T2 DELETE_VPORT' }).click();
    await page.locator('#checklist tr[data-step="T4"]').click();
    expect((await posted(page)).filter((m) => m.type === 'reveal')).toEqual([
      { type: 'reveal', line: 13 },
      { type: 'reveal', line: 17 },
    ]);
    await page.close();
  });

  test('a burst of edits to the shown episode is drawn once, when it settles, with the newest text', async () => {
    const page = await showSample('teardown-clean.oidtrace');
    await page.evaluate(() => {
      const w = window as unknown as { __draws: number };
      w.__draws = 0;
      let last = document.querySelector('#diagram svg');
      new MutationObserver(() => {
        const now = document.querySelector('#diagram svg');
        if (now && now !== last) {
          w.__draws++;
          last = now;
        }
      }).observe(document.body, { childList: true, subtree: true });
    });
    // Typing in RESET_VF's completion stamp: 40 ms, 41 ms, … 45 ms, an update each 50 ms.
    for (let i = 1; i <= 5; i++) {
      const text = sample('teardown-clean.oidtrace').replace('10:41:07.152000', `10:41:07.15${2 + i}000`);
      await send(page, traceMessage(text, 'teardown-clean.oidtrace', undefined, 1 + i));
      await page.waitForTimeout(50);
    }
    await expect.poll(() => messageTexts(page)).toContain('✓ RESET_VF SUCCESS (45 ms)');
    await page.waitForTimeout(800);
    expect(await page.evaluate(() => (window as unknown as { __draws: number }).__draws)).toBe(1);
    await page.close();
  });

  test('an episode message replaces the diagram (switching episodes)', async () => {
    const page = await showSample('vf-still-in-use.oidtrace');
    const full = traceMessage(sample('vf-still-in-use.oidtrace'), 'vf-still-in-use.oidtrace', 0, 2);
    if (full.type !== 'trace' || !full.detail) throw new Error('no detail');
    await send(page, { type: 'episode', generation: 3, detail: full.detail });
    await expect.poll(() => messageTexts(page)).toEqual(['I6 BIND VF 1', 'I6 DATAPATH path=vf VF 1']);
    expect(await page.locator('#status').textContent()).toContain('pf0 · VF 1 setup');
    await page.close();
  });

  test("marks its first diagram on the page's timeline, once (the bench in VS Code times the preview to it)", async () => {
    const page = await harness.open('light');
    const marks = () => page.evaluate(() => performance.getEntriesByName('oidtrace: first diagram').map((e) => e.startTime));
    expect(await marks()).toEqual([]);
    await send(page, traceMessage(sample('vf-still-in-use.oidtrace'), 'vf-still-in-use.oidtrace'));
    await page.waitForSelector('#diagram svg', { timeout: 20000 });
    const first = await marks();
    expect(first).toHaveLength(1);
    const full = traceMessage(sample('vf-still-in-use.oidtrace'), 'vf-still-in-use.oidtrace', 0, 2);
    if (full.type !== 'trace' || !full.detail) throw new Error('no detail');
    await send(page, { type: 'episode', generation: 3, detail: full.detail });
    await expect.poll(() => messageTexts(page)).toEqual(['I6 BIND VF 1', 'I6 DATAPATH path=vf VF 1']);
    expect(await marks()).toEqual(first);
    await page.close();
  });
});

describe('big episodes and the documented order', () => {
  test('a trace still being read: a status first, then the episodes so far, saying so', async () => {
    const page = await harness.open('light');
    await send(page, { type: 'status', message: 'Reading big.log…' });
    await expect.poll(() => page.locator('#status').textContent()).toBe('Reading big.log…');
    await send(page, traceMessage(sample('teardown-order.oidtrace'), 'big.log', undefined, 1, { readingLines: 40000 }));
    await expect.poll(() => page.locator('#status').textContent()).toBe('VF 2 teardown: lines 5–12, 1 problem — still reading the trace (40,000 lines so far)');
    await send(page, traceMessage(sample('teardown-order.oidtrace'), 'big.log', undefined, 2));
    await expect.poll(() => page.locator('#status').textContent()).toBe('VF 2 teardown: lines 5–12, 1 problem');
    await page.close();
  });

  test('a trace of 1,000 episodes: the picker lists them all once drawn, and switching keeps the list', async () => {
    const lines = ['@adapter pf0'];
    for (let vf = 1; vf <= 1000; vf++)
      lines.push(`10:00:00.000000 VSTACK -> PF SET OID_SRIOV_RESET_VF vf=${vf}`, `10:00:00.000100 PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF vf=${vf} NDIS_STATUS_SUCCESS`);
    const text = lines.join('\n');
    const page = await harness.open('light');
    await send(page, traceMessage(text, 'many.oidtrace', 0));
    await page.waitForSelector('#diagram svg', { timeout: 30000 });
    await expect.poll(() => page.locator('#episode-picker option').count()).toBe(1000);
    const options = await page.locator('#episode-picker option').elementHandles();
    await options[500]!.evaluate((o) => (o as Element).setAttribute('data-mark', 'kept'));
    const other = traceMessage(text, 'many.oidtrace', 500, 2);
    if (other.type !== 'trace' || !other.detail) throw new Error('no detail');
    await send(page, { type: 'episode', generation: 2, detail: other.detail });
    await expect.poll(() => page.locator('#status').textContent()).toContain('pf0 · VF 501');
    // The same option elements: the list was not rebuilt, only the selection moved.
    expect(await page.locator('#episode-picker option[data-mark="kept"]').count()).toBe(1);
    expect(await page.$eval('#episode-picker', (e) => (e as unknown as { value: string }).value)).toBe('500');
    await page.close();
  }, 60000);

  test('an edit of a 1,000-episode trace: the labels change in place, a new episode is added at the end, nothing rebuilt', async () => {
    const lines = ['@adapter pf0'];
    for (let vf = 1; vf <= 1000; vf++)
      lines.push(`10:00:00.000000 VSTACK -> PF SET OID_SRIOV_RESET_VF vf=${vf}`, `10:00:00.000100 PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_SUCCESS vf=${vf}`);
    const page = await harness.open('light');
    await send(page, traceMessage(lines.join('\n'), 'many.oidtrace', 0));
    await page.waitForSelector('#diagram svg', { timeout: 30000 });
    await expect.poll(() => page.locator('#episode-picker option').count()).toBe(1000);
    await page.$$eval('#episode-picker option', (els) => els.forEach((o) => o.setAttribute('data-mark', 'kept')));
    // The resets of VF 1 (the episode shown) and VF 7 fail (a problem in each), and a reset of VF 1001 is typed at the end.
    const edited = lines.map((l) => (/NDIS_STATUS_SUCCESS vf=[17]$/.test(l) ? l.replace('NDIS_STATUS_SUCCESS', 'NDIS_STATUS_FAILURE') : l));
    edited.push('10:00:00.000000 VSTACK -> PF SET OID_SRIOV_RESET_VF vf=1001', '10:00:00.000100 PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_SUCCESS vf=1001');
    await send(page, traceMessage(edited.join('\n'), 'many.oidtrace', 0, 2));
    await expect.poll(() => page.locator('#episode-picker option').count()).toBe(1001);
    expect(await page.$eval('#episode-picker', (e) => (e as HTMLSelectElement).value)).toBe('0');
    const labels = await page.$$eval('#episode-picker option', (els) => els.map((o) => [o.textContent, o.getAttribute('data-mark')]));
    expect(labels[0]).toEqual(['pf0 · VF 1 teardown · 10:00:00.000 · line 2 · 1 problem', 'kept']);
    expect(labels[6]).toEqual(['pf0 · VF 7 teardown · 10:00:00.000 · line 14 · 1 problem', 'kept']);
    expect(labels[1000]).toEqual(['pf0 · VF 1001 teardown · 10:00:00.000 · line 2,002 · no problems', null]);
    expect(labels.filter(([, mark]) => mark === 'kept').length).toBe(1000);
    await page.close();
  }, 60000);

  test('the filter narrows the picker as the user types; Enter opens the first match', async () => {
    const lines = ['@adapter pf0'];
    for (let vf = 1; vf <= 300; vf++)
      lines.push(
        `10:00:00.000000 VSTACK -> PF SET OID_SRIOV_RESET_VF vf=${vf}`,
        `10:00:00.000100 PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF ${vf === 217 ? 'NDIS_STATUS_FAILURE' : 'NDIS_STATUS_SUCCESS'} vf=${vf}`,
      );
    const page = await harness.open('light');
    await send(page, traceMessage(lines.join('\n'), 'many.oidtrace', 0));
    await page.waitForSelector('#diagram svg', { timeout: 30000 });
    await page.locator('#episode-filter').pressSequentially('VF 217');
    // The current episode stays listed (the select shows it) with the one match.
    await expect
      .poll(() => page.$$eval('#episode-picker option', (els) => els.map((o) => o.textContent)))
      .toEqual(['pf0 · VF 1 teardown · 10:00:00.000 · line 2 · no problems', 'pf0 · VF 217 teardown · 10:00:00.000 · line 434 · 1 problem']);
    await page.locator('#episode-filter').press('Enter');
    expect((await posted(page)).filter((m) => m.type === 'selectEpisode')).toEqual([{ type: 'selectEpisode', index: 216 }]);
    await page.close();
  }, 60000);

  test('pages an episode of 450 messages, 200 a page', async () => {
    const lines = ['@adapter pf0'];
    for (let i = 0; i < 450; i++)
      lines.push(`10:00:${String(Math.floor(i / 10)).padStart(2, '0')}.${String(i % 10)}00000 VSTACK -> PF QUERY OID_SRIOV_READ_VF_CONFIG_SPACE vf=1`);
    const page = await harness.open('light');
    await send(page, traceMessage(lines.join('\n'), 'big.oidtrace'));
    await page.waitForSelector('#diagram svg', { timeout: 30000 });
    expect(await page.locator('.page-label').textContent()).toBe('1 / 3');
    expect((await messageTexts(page)).length).toBe(200);
    await page.locator('#page-next').click();
    await expect.poll(() => page.locator('.page-label').textContent()).toBe('2 / 3');
    await page.locator('#page-next').click();
    await expect.poll(() => messageTexts(page).then((t) => t.length)).toBe(50);
    await page.close();
  }, 60000);

  test("the documented order is drawn over the trace: the premature step's ghost where it belongs; off, no ghosts", async () => {
    const page = await showSample('teardown-order.oidtrace');
    const ghosts = () => page.$$eval('#diagram text.messageText.ghost', (els) => els.map((e) => e.textContent));
    expect(await ghosts()).toEqual(['… T3 RESET_VF: documented place (came at line 7)']);
    // Drawn after T2's completion and before T4, dotted.
    const texts = await messageTexts(page);
    expect(texts.indexOf('… T3 RESET_VF: documented place (came at line 7)')).toBe(texts.indexOf('✓ DELETE_VPORT (0.3 ms)') + 1);
    expect(await page.$eval('#diagram .ghost[class^="messageLine"], #diagram line.ghost, #diagram path.ghost', (e) => getComputedStyle(e).strokeDasharray)).not.toBe(
      'none',
    );
    await page.locator('#show-reference').click();
    await expect.poll(ghosts).toEqual([]);
    expect((await page.evaluate(() => (window as unknown as { __state: { documented: boolean } }).__state)).documented).toBe(false);
    await page.close();
  });
});

describe('security', () => {
  test('the Content-Security-Policy blocks a script without the nonce', async () => {
    const page = await harness.open('light', '<script>window.__injected = true;</script><img src="x" onerror="window.__injected = true">');
    await send(page, traceMessage(sample('teardown-clean.oidtrace'), 'teardown-clean.oidtrace'));
    await page.waitForSelector('#diagram svg');
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    await page.close();
  });

  test('hostile trace text is drawn as text and runs nothing', async () => {
    const hostile = [
      '[0]0004.0050::11/21/2026-10:41:07.110000 [%%{init: {"theme":"forest"}}%% <img src=x onerror=window.__pwned=1>]Set OID_SRIOV_RESET_VF VFId=2',
      '[0]0004.0050::11/21/2026-10:41:07.120000 [%%{init: {"theme":"forest"}}%% <img src=x onerror=window.__pwned=1>]OID_SRIOV_RESET_VF completed Status 0xC0000001 VFId=2 click P0 call alert(1);<script>window.__pwned=1</script>',
    ].join('\n');
    const page = await harness.open('light');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await send(page, traceMessage(hostile, 'hostile.log'));
    await page.waitForSelector('#diagram svg');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.$$eval('#diagram script, #diagram img', (els) => els.length)).toBe(0);
    expect(await messageTexts(page)).toEqual(['T3 RESET_VF VF 2', '✗ RESET_VF FAILURE (10 ms)']);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('screenshots', () => {
  // What a user sees in a pane half of a 1440 px screen. OIDTRACE_SCREENSHOTS=docs/images writes them for the README.
  const dir = process.env.OIDTRACE_SCREENSHOTS ? join(__dirname, '..', '..', process.env.OIDTRACE_SCREENSHOTS) : OUT;
  const long = (() => {
    const lines = ['@adapter pf0'];
    for (let i = 0; i < 449; i++) {
      const at = `10:00:${String(Math.floor(i / 10)).padStart(2, '0')}.${String((i % 10) * 100).padStart(3, '0')}`;
      lines.push(
        `${at}000 VSTACK -> PF QUERY OID_SRIOV_READ_VF_CONFIG_SPACE vf=1`,
        `${at}050 PF -> VSTACK COMPLETE OID_SRIOV_READ_VF_CONFIG_SPACE NDIS_STATUS_SUCCESS vf=1`,
      );
    }
    lines.push(
      '10:00:50.000000 VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vf=1 vport=1',
      '10:00:50.000300 PF -> VSTACK COMPLETE OID_NIC_SWITCH_DELETE_VPORT NDIS_STATUS_SUCCESS vf=1 vport=1',
    );
    lines.push('10:00:50.100000 VSTACK -> PF SET OID_SRIOV_RESET_VF vf=1', '10:00:50.140000 PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_FAILURE vf=1');
    return traceMessage(lines.join('\n'), 'long-episode.oidtrace', 0);
  })();
  const scenes: Array<[string, () => ToWebview]> = [
    ['premature-step', () => traceMessage(sample('teardown-order.oidtrace'), 'teardown-order.oidtrace')],
    ['missing-step', () => traceMessage(sample('teardown-missing-step.oidtrace'), 'teardown-missing-step.oidtrace')],
    ['correlated', () => correlateMessage('correlate/host-servicing.log', 'correlate/guest-dmesg.txt')],
    ['long-episode', () => long],
  ];
  for (const theme of ['light', 'dark', 'high-contrast', 'high-contrast-light'] as const) {
    test(`the preview in the ${theme} theme, 720 px wide`, async () => {
      for (const [scene, message] of scenes) {
        const page = await harness.open(theme, '', { width: 720, height: 820 });
        await send(page, message());
        await page.waitForSelector('#diagram svg', { timeout: 20000 });
        await page.waitForTimeout(150);
        await page.screenshot({ path: join(dir, `preview-${scene}-${theme}.png`) });
        await page.close();
      }
    }, 60000);
  }
});
