/**
 * What a user sees in a preview beside the editor (a pane 720 px wide, half of a 1440 px
 * screen), measured on the rendered page: nothing they need is cut off at open, notes stay
 * in their boxes, the documented order is legible at Fit, text meets WCAG AA contrast in
 * each theme kind, and the checklist says the truth about each step.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contrasts } from './contrast';
import { correlateMessage, PreviewHarness, posted, sample, send, traceMessage, type Theme } from './harness';
import type { ToWebview } from '../../src/preview/protocol';

const harness = new PreviewHarness();
const PANE = { width: 720, height: 800 };

beforeAll(() => harness.start(), 60000);
afterAll(() => harness.stop());

async function show(message: ToWebview, theme: Theme = 'light', size = PANE, state: Record<string, unknown> = {}): Promise<Page> {
  const page = await harness.open(theme, '', size, state);
  await send(page, message);
  await page.waitForSelector('#diagram svg', { timeout: 20000 });
  await page.waitForTimeout(100);
  return page;
}
const showSample = (name: string, theme: Theme = 'light', size = PANE) => show(traceMessage(sample(name), name), theme, size);

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
const boxes = (page: Page, selector: string) =>
  page.$$eval(selector, (els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    }),
  );
const viewportBox = async (page: Page): Promise<Box> =>
  page.$eval('#viewport', (v) => {
    const r = v.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.left + v.clientWidth, bottom: r.top + v.clientHeight };
  });
const inside = (b: Box, outer: Box, slack = 0.5) =>
  b.left >= outer.left - slack && b.right <= outer.right + slack && b.top >= outer.top - slack && b.bottom <= outer.bottom + slack;
const zoomLabel = (page: Page) => page.$eval('#zoom-reset', (e) => e.textContent ?? '');

describe('open framed in a half-screen pane', () => {
  test.each(['teardown-order.oidtrace', 'vf-still-in-use.oidtrace', 'teardown-missing-step.oidtrace'])(
    '%s: fits the width, every participant and note whole, the first problem in view',
    async (name) => {
      const page = await showSample(name);
      const port = await viewportBox(page);
      expect(Number.parseInt(await zoomLabel(page), 10)).toBeLessThanOrEqual(100);
      // No horizontal scrolling: the picture is as wide as the pane at most.
      expect(await page.$eval('#viewport', (v) => v.scrollWidth - v.clientWidth)).toBeLessThanOrEqual(0);
      for (const b of await boxes(page, '#diagram text.actor')) expect(b.left >= port.left - 0.5 && b.right <= port.right + 0.5).toBe(true);
      for (const b of await boxes(page, '#diagram rect.note')) expect(b.left >= port.left - 0.5 && b.right <= port.right + 0.5).toBe(true);
      // The first problem (its band, with its note) is on screen.
      const band = (await boxes(page, '#diagram rect.rect'))[0];
      if (band) expect(inside(band, port)).toBe(true);
      await page.close();
    },
  );

  test('a narrow diagram in a wide pane is not drawn above 100 %', async () => {
    const page = await showSample('oid-failed-and-pending.oidtrace', 'light', { width: 1800, height: 900 });
    expect(await zoomLabel(page)).toBe('100%');
    await page.close();
  });

  test('Fit leaves no blank scroll area and clips nothing, after zooming in', async () => {
    const page = await showSample('vf-still-in-use.oidtrace');
    await page.locator('#zoom-in').click();
    await page.locator('#zoom-in').click();
    expect(await page.$eval('#viewport', (v) => v.scrollWidth > v.clientWidth)).toBe(true);
    await page.locator('#zoom-fit').click();
    const sizes = await page.$eval('#viewport', (v) => {
      const svg = v.querySelector('svg')!.getBoundingClientRect();
      return { scrollWidth: v.scrollWidth, clientWidth: v.clientWidth, scrollHeight: v.scrollHeight, svgHeight: svg.height };
    });
    expect(sizes.scrollWidth).toBeLessThanOrEqual(sizes.clientWidth);
    // The scroll area is the picture and the padding: no empty space left by a scaled-down layout box.
    expect(Math.abs(sizes.scrollHeight - (sizes.svgHeight + 24))).toBeLessThanOrEqual(2);
    await page.close();
  });

  test('a zoom the user picks is reported for the next preview, which opens with it', async () => {
    const page = await showSample('teardown-order.oidtrace');
    await page.locator('#zoom-reset').click();
    await page.locator('#zoom-in').click();
    const zooms = (await posted(page)).filter((m) => m.type === 'zoom');
    expect(zooms.at(-1)).toEqual({ type: 'zoom', zoom: 1.2 });
    await page.close();
    const next = await show(traceMessage(sample('teardown-order.oidtrace'), 'teardown-order.oidtrace'), 'light', PANE, { zoom: 1.2 });
    expect(await zoomLabel(next)).toBe('120%');
    await next.locator('#zoom-fit').click();
    expect((await posted(next)).filter((m) => m.type === 'zoom').at(-1)).toEqual({ type: 'zoom' });
    await next.close();
  });

  test('a 900-line episode opens on the page of its problem, framed on it; next problem goes on to the next episode', async () => {
    const lines = ['@adapter pf0'];
    for (let i = 0; i < 449; i++) {
      const at = `10:00:${String(Math.floor(i / 10)).padStart(2, '0')}.${String((i % 10) * 100).padStart(3, '0')}`;
      lines.push(
        `${at}000 VSTACK -> PF QUERY OID_SRIOV_READ_VF_CONFIG_SPACE vf=1`,
        `${at}050 PF -> VSTACK COMPLETE OID_SRIOV_READ_VF_CONFIG_SPACE NDIS_STATUS_SUCCESS vf=1`,
      );
    }
    lines.push('10:00:50.000000 VSTACK -> PF SET OID_SRIOV_RESET_VF vf=1', '10:00:50.040000 PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_FAILURE vf=1');
    lines.push('10:01:00.000000 VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2', '10:01:00.040000 PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_FAILURE vf=2');
    const text = lines.join('\n');
    const page = await show(traceMessage(text, 'long.oidtrace', 0));
    expect(await page.locator('.page-label').textContent()).toBe('5 / 5');
    const port = await viewportBox(page);
    const band = (await boxes(page, '#diagram rect.rect'))[0]!;
    expect(inside(band, port)).toBe(true);
    await page.locator('#next-problem').click();
    expect((await posted(page)).filter((m) => m.type === 'selectEpisode')).toEqual([{ type: 'selectEpisode', index: 1 }]);
    await page.close();
  }, 60000);
});

describe('time and the cursor', () => {
  test('Times starts each message with its time of day, and is kept', async () => {
    const page = await showSample('teardown-order.oidtrace');
    await page.locator('#show-times').click();
    await expect
      .poll(() => page.$$eval('#diagram text.messageText', (els) => els.map((e) => e.textContent)[2]))
      .toBe('10:41:07.110 T1 MOVE_FILTER VF 2, filter 7, VPort 3→0');
    expect((await page.evaluate(() => (window as unknown as { __state: { times: boolean } }).__state)).times).toBe(true);
    await page.close();
  });

  test('the cursor on a line of a later page opens that page, with the message on a band', async () => {
    const lines = ['@adapter pf0'];
    for (let i = 0; i < 300; i++)
      lines.push(
        `10:00:00.${String(i).padStart(3, '0')}000 VSTACK -> PF QUERY OID_SRIOV_READ_VF_CONFIG_SPACE vf=1`,
        `10:00:00.${String(i).padStart(3, '0')}500 PF -> VSTACK COMPLETE OID_SRIOV_READ_VF_CONFIG_SPACE NDIS_STATUS_SUCCESS vf=1`,
      );
    const page = await show(traceMessage(lines.join('\n'), 'long.oidtrace', 0, 1, { highlightLine: 451 }));
    expect(await page.locator('.page-label').textContent()).toBe('3 / 3');
    const band = (await boxes(page, '#diagram rect.current-band'))[0]!;
    expect(band.bottom - band.top).toBeGreaterThan(10);
    expect(inside({ ...band, left: (await viewportBox(page)).left, right: (await viewportBox(page)).right }, await viewportBox(page))).toBe(true);
    await page.close();
  }, 60000);
});

describe('small things', () => {
  test('a message is reached with the keyboard, Enter reveals its line, and its tooltip gives line and time', async () => {
    const page = await showSample('teardown-order.oidtrace');
    const t2 = page.locator('#diagram text.messageText', { hasText: 'T2 DELETE_VPORT' });
    await t2.focus();
    await page.keyboard.press('Enter');
    expect((await posted(page)).filter((m) => m.type === 'reveal')).toEqual([{ type: 'reveal', line: 9 }]);
    expect(await t2.evaluate((e) => e.parentElement!.querySelector(':scope > title')?.textContent)).toBe('line 9 · 10:41:07.153000 · OID_NIC_SWITCH_DELETE_VPORT');
    await page.close();
  });

  test.each(['light', 'high-contrast-light', 'dark'] as const)(
    "in %s, a message to oneself is haloed in the background's colour: its lifeline does not cross its words",
    async (theme) => {
      const page = await showSample('teardown-order.oidtrace', theme);
      const looks = await page.$$eval('#diagram text.messageText.self', (els) =>
        els.map((e) => {
          const s = getComputedStyle(e);
          return { text: e.textContent, paintOrder: s.paintOrder, stroke: s.stroke, width: s.strokeWidth, background: getComputedStyle(document.body).backgroundColor };
        }),
      );
      expect(looks.map((l) => l.text)).toEqual(['G3 UNBIND VF 2', 'G4 DATAPATH path=synthetic VF 2']);
      for (const l of looks) {
        expect(l.paintOrder).toMatch(/^stroke/);
        expect(l.stroke).toBe(l.background);
        expect(Number.parseFloat(l.width)).toBeGreaterThanOrEqual(3);
      }
      await page.close();
    },
  );

  test('beside the editor the checklist sits under the diagram, under half the height, and folds away', async () => {
    const page = await showSample('vf-still-in-use.oidtrace');
    const heights = () =>
      page.evaluate(() => ({
        side: document.querySelector('#checklist-panel')!.getBoundingClientRect().height,
        diagram: document.querySelector('#viewport')!.getBoundingClientRect().height,
        below: document.querySelector('#checklist-panel')!.getBoundingClientRect().top >= document.querySelector('#viewport')!.getBoundingClientRect().bottom - 0.5,
      }));
    const open = await heights();
    expect(open.below).toBe(true);
    expect(open.side).toBeLessThan(PANE.height / 2);
    expect(open.diagram).toBeGreaterThan(open.side);
    await page.locator('#checklist-title').click();
    const folded = await heights();
    expect(folded.side).toBeLessThan(40);
    expect(folded.diagram).toBeGreaterThan(open.diagram + open.side - folded.side - 2);
    await page.close();
  });

  test('"Only with problems" on a clean trace says that no episode has a problem', async () => {
    const page = await showSample('teardown-clean.oidtrace');
    await page.locator('#only-problems').click();
    await expect.poll(() => page.locator('#status').textContent()).toBe('No episode has a problem.');
    await page.close();
  });
});

describe('notes and the documented order are legible', () => {
  test('every note line stays inside its box', async () => {
    const page = await show(correlateMessage('correlate/host-servicing.log', 'correlate/guest-dmesg.txt'));
    const notes = await page.$$eval('#diagram rect.note', (rects) =>
      rects.map((r) => {
        const box = r.getBoundingClientRect();
        const texts = [...r.parentElement!.querySelectorAll('text.noteText')].map((t) => t.getBoundingClientRect());
        return {
          box: { left: box.left, right: box.right, top: box.top, bottom: box.bottom },
          texts: texts.map((t) => ({ left: t.left, right: t.right, top: t.top, bottom: t.bottom })),
        };
      }),
    );
    expect(notes.length).toBeGreaterThan(1);
    for (const n of notes) for (const t of n.texts) expect(inside(t, n.box, 1)).toBe(true);
    // The whole message is the note's tooltip.
    const titles = await page.$$eval('#diagram rect.note', (rects) => rects.map((r) => r.parentElement!.querySelector(':scope > title')?.textContent ?? ''));
    expect(titles[0]).toMatch(
      /^vf-still-in-use \(error\): T1 OID_RECEIVE_FILTER_MOVE_FILTER for VF 2 while the guest is still on the VF data path .*NetVSC must unbind and the VF miniport halt first$/,
    );
    await page.close();
  });

  test.each(['teardown-order.oidtrace', 'teardown-missing-step.oidtrace'])(
    '%s: at Fit the ghost of the documented order is in the pane and readable (its text at least 10 px on screen)',
    async (name) => {
      const page = await showSample(name);
      await page.locator('#zoom-fit').click();
      const port = await viewportBox(page);
      const ghosts = await boxes(page, '#diagram text.messageText.ghost');
      expect(ghosts).toHaveLength(1);
      expect(ghosts[0]!.left >= port.left && ghosts[0]!.right <= port.right).toBe(true);
      const px = await page.$eval('#diagram text.messageText.ghost', (t) => {
        const svg = (t as SVGTextElement).ownerSVGElement!;
        return Number.parseFloat(getComputedStyle(t).fontSize) * (svg.getBoundingClientRect().width / svg.viewBox.baseVal.width);
      });
      expect(px).toBeGreaterThanOrEqual(10);
      await page.close();
    },
  );

  test('the exported SVG stands alone: concrete colours and font, and it draws the same outside the preview', async () => {
    const page = await showSample('teardown-order.oidtrace', 'dark');
    await send(page, { type: 'requestSvg', requestId: 7 });
    await expect.poll(async () => (await posted(page)).some((m) => m.type === 'svg')).toBe(true);
    const svg = String((await posted(page)).find((m) => m.type === 'svg')!.svg);
    expect(svg).not.toContain('var(--');
    const fill = await page.$eval('#diagram text.messageText', (e) => getComputedStyle(e).fill);
    const outside = await harness.open('light');
    await outside.setContent(`<!DOCTYPE html><html><body style="margin:0">${svg}</body></html>`);
    expect(await outside.$eval('svg text.messageText', (e) => getComputedStyle(e).fill)).toBe(fill);
    expect(await outside.$eval('svg text.messageText', (e) => getComputedStyle(e).fontFamily)).toBe('sans-serif');
    await outside.close();
    await page.close();
  });
});

describe('contrast: WCAG AA (4.5:1) for every text in each theme kind', () => {
  const themes: Theme[] = ['light', 'dark', 'high-contrast', 'high-contrast-light'];
  for (const theme of themes) {
    test(`${theme}: a premature step, a failure, the cursor's band and a correlated teardown`, async () => {
      const messages: ToWebview[] = [
        traceMessage(sample('teardown-order.oidtrace'), 'teardown-order.oidtrace', undefined, 1, { highlightLine: 7 }),
        traceMessage(sample('oid-failed-and-pending.oidtrace'), 'oid-failed-and-pending.oidtrace'),
        correlateMessage('correlate/host-servicing.log', 'correlate/guest-dmesg.txt'),
      ];
      for (const m of messages) {
        const page = await show(m, theme);
        const low = (await page.evaluate(contrasts)).filter((c) => c.ratio < 4.5);
        expect(low, `${theme}: ${JSON.stringify(low)}`).toEqual([]);
        await page.close();
      }
    }, 60000);
  }
});

describe('the checklist tells the truth about each step', () => {
  const rows = (page: Page) =>
    page.$$eval('#checklist tr[data-step]', (trs) =>
      Object.fromEntries(trs.map((tr) => [tr.getAttribute('data-step'), `${tr.getAttribute('data-severity')} ${tr.querySelector('td.state')!.textContent.trim()}`])),
    );

  test('a correlated teardown with vf-still-in-use errors: those steps are errors, not green', async () => {
    const page = await show(correlateMessage('correlate/host-servicing.log', 'correlate/guest-dmesg.txt'));
    const r = await rows(page);
    expect(r.T1).toBe('error ✗ done, but vf-still-in-usevf-still-in-use · line 8');
    expect(r.T2).toBe('error ✗ done, but vf-still-in-usevf-still-in-use · line 10');
    expect(r.T3).toBe('ok ✓ done');
    // Its finding link reveals the finding's line in the host's file.
    await page.locator('#checklist tr[data-step="T1"] a.finding').click();
    expect((await posted(page)).filter((m) => m.type === 'reveal').at(-1)).toEqual({ type: 'reveal', line: 8, source: 0 });
    await page.close();
  });

  test('a guest removing the VF slot while its data path was on the VF: the removal is an error (vf-lost)', async () => {
    const page = await showSample('guest-vf-lost.log');
    expect((await rows(page)).G2).toBe('error ✗ done, but vf-lostvf-lost · line 5');
    await page.close();
  });

  test('premature, missing, failed and never completed steps, each with its words', async () => {
    let page = await showSample('teardown-order.oidtrace');
    expect((await rows(page)).T3).toBe('error ✗ out of order (teardown-order)teardown-order · line 7');
    await page.close();
    page = await showSample('teardown-missing-step.oidtrace');
    const missing = await rows(page);
    expect(missing.T3).toBe('error ✗ missing');
    expect(missing.T4).toMatch(/^warning ! done, but teardown-missing-step/);
    await page.close();
    page = await showSample('oid-failed-and-pending.oidtrace');
    const failed = await rows(page);
    expect(failed.T3).toMatch(/^error ✗ failed: FAILURE/);
    expect(failed.T4).toMatch(/^(error|warning) (✗|!) never completed/);
    await page.close();
  });

  test('no word is broken across lines in a narrow pane', async () => {
    const page = await showSample('teardown-clean.oidtrace', 'light', { width: 420, height: 700 });
    const broken = await page.$$eval('#checklist td.what, #checklist td.state', (cells) =>
      cells
        .filter((c) => {
          const words = (c.textContent ?? '').split(/\s+/).filter(Boolean);
          const range = document.createRange();
          return (
            words.some(() => false) ||
            (() => {
              // A cell whose text wraps mid-word has a line that starts inside a word: compare line boxes with word boxes.
              const node = [...c.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
              if (!node) return false;
              const text = node.textContent!;
              let at = 0;
              for (const w of text.split(/(\s+)/)) {
                if (w.trim()) {
                  range.setStart(node, at);
                  range.setEnd(node, at + w.length);
                  if (range.getClientRects().length > 1) return true;
                }
                at += w.length;
              }
              return false;
            })()
          );
        })
        .map((c) => c.textContent),
    );
    expect(broken).toEqual([]);
    await page.close();
  });
});
