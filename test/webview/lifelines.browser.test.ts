/**
 * Every message of a long page hangs between its participants' lifelines: Mermaid draws a
 * lifeline 2,000 units long, and a page of 200 messages is far longer than that.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { configSpaceReads, PreviewHarness, send, traceMessage } from './harness';

const harness = new PreviewHarness();
beforeAll(() => harness.start(), 60_000);
afterAll(() => harness.stop());

function longTeardown(): string {
  const lines = configSpaceReads();
  lines.push('10:00:50.100000 VSTACK -> PF SET OID_SRIOV_RESET_VF vf=1', '10:00:50.140000 PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_FAILURE vf=1');
  return lines.join('\n');
}

it('the lifelines reach below the last message of a long page, on screen', async () => {
  const page = await harness.open('light', '', { width: 720, height: 800 });
  await send(page, traceMessage(longTeardown(), 'long.oidtrace', 0));
  await page.waitForFunction(() => document.querySelectorAll('svg line[class^="messageLine"]').length >= 50, undefined, { timeout: 30_000 });
  const span = await page.evaluate(() => {
    const bottom = (e: Element) => e.getBoundingClientRect().bottom;
    const messages = [...document.querySelectorAll('svg line[class^="messageLine"]')];
    const lifelines = [...document.querySelectorAll('svg line.actor-line')];
    const height = document.querySelector('svg')!.viewBox.baseVal.height;
    return { lastMessage: Math.max(...messages.map(bottom)), lifelines: lifelines.map(bottom), count: messages.length, height };
  });
  // Longer than the 2,000 units Mermaid draws a lifeline.
  expect(span.height).toBeGreaterThan(2500);
  expect(span.lifelines.length).toBe(2);
  for (const b of span.lifelines) expect(b).toBeGreaterThanOrEqual(span.lastMessage);
}, 60_000);
