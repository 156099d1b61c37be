/**
 * A rule that throws is switched off, said so once in internalErrors, and the
 * rest of the analysis goes on (the runner calls event handlers without a
 * closure per event: this pins that path's behaviour).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyze } from '../../src/engine';
import { ruleById } from '../../src/engine/rules';
import { sample } from './helpers';

describe('a rule that throws', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is switched off after its first failure; the other rules still report', () => {
    const rule = ruleById('teardown-order')!;
    const original = rule.create.bind(rule);
    let calls = 0;
    vi.spyOn(rule, 'create').mockImplementation((context) => ({
      ...original(context),
      event() {
        calls++;
        throw new Error('boom');
      },
    }));
    const text = sample('teardown-order.oidtrace') + '\n' + sample('vf-not-allocated.oidtrace');
    const r = analyze(text, { fileName: 'mixed.oidtrace' });
    expect(calls).toBe(1);
    expect(r.internalErrors).toEqual(['rule teardown-order failed and was switched off: boom']);
    expect(r.diagnostics.some((d) => d.rule === 'vf-not-allocated')).toBe(true);
    expect(r.diagnostics.some((d) => d.rule === 'teardown-order')).toBe(false);
  });

  it('reports nothing when no rule fails', () => {
    const r = analyze(sample('teardown-order.oidtrace'), { fileName: 'teardown-order.oidtrace' });
    expect(r.internalErrors).toEqual([]);
    expect(r.diagnostics.filter((d) => d.rule === 'teardown-order').length).toBeGreaterThan(0);
  });
});
