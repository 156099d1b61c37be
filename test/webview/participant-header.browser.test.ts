/**
 * The participants' names stay in view: on a long episode framed on a problem far down a
 * page, a strip at the top of the diagram names each lifeline, over its lifeline, without
 * covering the problem, legible in each theme kind, gone when the drawn row is in view and
 * absent from the exported SVG.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contrasts } from './contrast';
import { PreviewHarness, posted, send, traceMessage, type Theme } from './harness';

const OUT = join(__dirname, '..', 'output', 'webview');
const harness = new PreviewHarness();
const PANE = { width: 720, height: 800 };

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  await harness.start();
}, 60000);
afterAll(() => harness.stop());

/**
 * A teardown of 300 messages among three participants: config-space reads, then a reset
 * before its VPort's deletion, so the one problem lies on page 2, far below its top.
 */
function longTeardown(): string {
  const lines = ['@adapter pf0 "Contoso X9 100GbE"', '10:00:00.000000 NETVSC UNBIND vf=2', '10:00:00.001000 NETVSC DATAPATH path=synthetic vf=2'];
  for (let i = 0; i < 146; i++) {
    const at = `10:00:${String(1 + Math.floor(i / 10)).padStart(2, '0')}.${String((i % 10) * 100).padStart(3, '0')}`;
    lines.push(`${at}000 VSTACK -> PF SET OID_SRIOV_READ_VF_CONFIG_SPACE vf=2`, `${at}050 PF -> VSTACK COMPLETE OID_SRIOV_READ_VF_CONFIG_SPACE NDIS_STATUS_SUCCESS vf=2`);
  }
  lines.push(
    '10:00:20.000000 VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2',
    '10:00:20.040000 PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_SUCCESS vf=2',
    '10:00:20.050000 VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2',
    '10:00:20.050300 PF -> VSTACK COMPLETE OID_NIC_SWITCH_DELETE_VPORT vport=3',
    '10:00:20.060000 VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=2',
    '10:00:20.060200 PF -> VSTACK COMPLETE OID_NIC_SWITCH_FREE_VF NDIS_STATUS_SUCCESS vf=2',
  );
  return lines.join('\n');
}

async function show(theme: Theme = 'light', size = PANE, state: Record<string, unknown> = {}): Promise<Page> {
  const page = await harness.open(theme, '', size, state);
  await send(page, traceMessage(longTeardown(), 'long-teardown.oidtrace', 0));
  await page.waitForSelector('#diagram svg', { timeout: 20000 });
  await page.waitForTimeout(100);
  return page;
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
const box = (page: Page, selector: string): Promise<Box> =>
  page.$eval(selector, (e) => {
    const r = e.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  });
const headerShown = (page: Page) =>
  page.$eval('#participant-header', (e) => !(e as HTMLElement).hidden && e.getBoundingClientRect().height >= 0 && getComputedStyle(e).display !== 'none');
/** Each pinned name with its box's centre, and where the drawing has that participant's lifeline, on screen. */
const alignment = (page: Page) =>
  page.evaluate(() => {
    const centre = (e: Element) => {
      const r = e.getBoundingClientRect();
      return r.left + r.width / 2;
    };
    const lifelines = [...document.querySelectorAll('#diagram line.actor-line')].map(centre);
    // A participant's lifeline is the one under its drawn name.
    const drawn = new Map(
      [...document.querySelectorAll('#diagram text.actor')].map((t) => {
        const x = centre(t);
        const line = lifelines.reduce((a, b) => (Math.abs(b - x) < Math.abs(a - x) ? b : a));
        return [(t.textContent ?? '').trim(), line] as const;
      }),
    );
    return [...document.querySelectorAll('#participant-header .participant')].map((e) => ({
      name: e.textContent ?? '',
      centre: centre(e),
      lifeline: drawn.get(e.textContent ?? ''),
    }));
  });

/** The problem's message: the first one drawn on its band. */
const problemMessage = (page: Page): Promise<Box> =>
  page.$$eval('#diagram text.messageText', (texts) => {
    const b = document.querySelector('#diagram rect.rect')!.getBoundingClientRect();
    const r = texts.map((t) => t.getBoundingClientRect()).find((m) => m.top >= b.top && m.bottom <= b.bottom)!;
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  });

describe('participant names stay in view', () => {
  test('framed on a problem far down page 2: the names are pinned over their lifelines, the problem whole below them', async () => {
    const page = await show();
    expect(await page.locator('.page-label').textContent()).toBe('2 / 2');
    expect(await page.$eval('#viewport', (v) => v.scrollTop)).toBeGreaterThan(0);
    expect(await headerShown(page)).toBe(true);
    const names = await alignment(page);
    expect(names.map((n) => n.name)).toEqual(['Virtualization stack', 'PF miniport', 'NetVSC']);
    for (const n of names) expect(Math.abs(n.centre - n.lifeline!), n.name).toBeLessThanOrEqual(2);
    // The header is at the very top of the pane, and the problem's band and message lie whole below it.
    const port = await box(page, '#viewport');
    const strip = await box(page, '#participant-header .strip');
    expect(Math.abs(strip.top - port.top)).toBeLessThanOrEqual(0.5);
    const band = await box(page, '#diagram rect.rect');
    const message = await problemMessage(page);
    expect(message.bottom - message.top).toBeGreaterThan(0);
    const viewportHeight = await page.$eval('#viewport', (v) => v.clientHeight);
    for (const b of [band, message]) {
      expect(b.top).toBeGreaterThanOrEqual(strip.bottom);
      expect(b.bottom).toBeLessThanOrEqual(port.top + viewportHeight);
    }
    await page.close();
  }, 60000);

  test('in a low pane zoomed to 400 %, the problem still opens below the taller strip', async () => {
    const page = await show('light', { width: 1400, height: 320 }, { zoom: 4 });
    expect(await page.locator('#zoom-reset').textContent()).toBe('400%');
    await expect.poll(() => headerShown(page)).toBe(true);
    const strip = await box(page, '#participant-header .strip');
    // The strip is taller than a third of this pane, where a problem is framed.
    expect(strip.bottom - strip.top).toBeGreaterThan(await page.$eval('#viewport', (v) => v.clientHeight / 3));
    const band = await box(page, '#diagram rect.rect');
    const message = await problemMessage(page);
    expect(band.top).toBeGreaterThanOrEqual(strip.bottom);
    expect(message.top).toBeGreaterThanOrEqual(strip.bottom);
    await page.close();
  }, 60000);

  test('gone with the drawing when an edit leaves the trace with no episode', async () => {
    const page = await show();
    expect(await headerShown(page)).toBe(true);
    await send(page, traceMessage('# every event deleted', 'long-teardown.oidtrace', undefined, 2));
    await expect.poll(() => page.$$eval('#diagram svg', (s) => s.length)).toBe(0);
    await page.$eval('#viewport', (v) => v.dispatchEvent(new Event('scroll')));
    expect(await headerShown(page)).toBe(false);
    await page.close();
  });

  test('hidden while the drawn row is in view, back once it is scrolled away', async () => {
    const page = await show();
    await page.$eval('#viewport', (v) => (v.scrollTop = 0));
    await expect.poll(() => headerShown(page)).toBe(false);
    // The drawn boxes whole at the very top of the pane: no strip over them.
    const row = await box(page, '#diagram rect.actor');
    const port = await box(page, '#viewport');
    await page.$eval('#viewport', (v, by) => (v.scrollTop = by), Math.floor(row.top - port.top));
    await page.waitForTimeout(100);
    expect(await headerShown(page)).toBe(false);
    // Scrolled on until what is left of them would lie under the strip: the strip takes their place.
    const strip = await page.$eval('#participant-header .strip', (e) => (e as HTMLElement).offsetHeight);
    await page.$eval('#viewport', (v, by) => (v.scrollTop = by), Math.ceil(row.bottom - port.top - strip + 2));
    await expect.poll(() => headerShown(page)).toBe(true);
    await page.$eval('#viewport', (v) => (v.scrollTop = 0));
    await expect.poll(() => headerShown(page)).toBe(false);
    await page.$eval('#viewport', (v) => (v.scrollTop = 600));
    await expect.poll(() => headerShown(page)).toBe(true);
    await page.close();
  }, 60000);

  test('follows zoom and horizontal scroll; the exported SVG has no trace of it', async () => {
    const page = await show();
    for (let i = 0; i < 4; i++) await page.locator('#zoom-in').click();
    await page.$eval('#viewport', (v) => {
      v.scrollTop = v.scrollHeight / 2;
      v.scrollLeft = 150;
    });
    expect(await page.$eval('#viewport', (v) => v.scrollLeft)).toBe(150);
    await expect.poll(() => headerShown(page)).toBe(true);
    for (const n of await alignment(page)) expect(Math.abs(n.centre - n.lifeline!), n.name).toBeLessThanOrEqual(2);
    // Drawn larger, the names are larger too.
    const size = await page.$eval('#participant-header .participant', (e) => Number.parseFloat(getComputedStyle(e).fontSize));
    expect(size).toBeGreaterThan(14);
    await page.evaluate(() => window.postMessage({ type: 'requestSvg', requestId: 7 }, '*'));
    await expect.poll(async () => (await posted(page)).some((m) => m.type === 'svg')).toBe(true);
    const svg = (await posted(page)).find((m) => m.type === 'svg')!.svg as string;
    expect(svg).toContain('Virtualization stack');
    expect(svg).not.toContain('participant-header');
    expect(svg).not.toContain('class="participant"');
    await page.close();
  }, 60000);
});

describe('legible in each theme kind', () => {
  for (const theme of ['light', 'dark', 'high-contrast', 'high-contrast-light'] as const) {
    test(`${theme}: the pinned names meet WCAG AA (4.5:1); a screenshot 720 px wide`, async () => {
      const page = await show(theme);
      expect(await headerShown(page)).toBe(true);
      const names = (await page.evaluate(contrasts)).filter((c) => ['Virtualization stack', 'PF miniport', 'NetVSC'].includes(c.text));
      // Each pinned name is measured (the drawn row is measured too, off screen).
      expect(names.length).toBeGreaterThanOrEqual(6);
      for (const c of names) expect(c.ratio, `${theme}: ${c.text}`).toBeGreaterThanOrEqual(4.5);
      await page.screenshot({ path: join(OUT, `participant-header-${theme}.png`) });
      await page.close();
    }, 60000);
  }
});
