/**
 * The bundled samples: each one fires the rule it is named after at the exact
 * lines, and the clean samples produce no diagnostic at all.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../src/engine';
import { analyzeSample, SAMPLES_DIR, where } from './helpers';

const FIRES: Array<[sample: string, rule: string, at: string[]]> = [
  ['teardown-order.oidtrace', 'teardown-order', ['7:36-54']],
  ['teardown-missing-step.oidtrace', 'teardown-missing-step', ['6:36-58']],
  ['vf-still-in-use.oidtrace', 'vf-still-in-use', ['6:36-66', '8:36-63']],
  ['filters-not-moved.oidtrace', 'filters-not-moved', ['6:36-63']],
  ['vports-still-attached.oidtrace', 'vports-still-attached', ['9:36-58']],
  ['vf-not-allocated.oidtrace', 'vf-not-allocated', ['6:36-54', '10:39-66']],
  ['setup-order.oidtrace', 'setup-order', ['4:39-65', '8:39-66']],
  ['switch-in-use.oidtrace', 'switch-in-use', ['8:36-64']],
  ['vport-per-vf.oidtrace', 'vport-per-vf', ['7:39-66']],
  ['oid-failed-and-pending.oidtrace', 'oid-failed', ['8:41-59']],
  ['oid-failed-and-pending.oidtrace', 'oid-pending', ['9:36-58']],
  ['oid-failed-and-pending.oidtrace', 'teardown-missing-step', ['9:36-58']],
  ['unknown-oid.oidtrace', 'unknown-oid', ['4:36-61', '5:41-66', '6:36-54']],
  ['syntax-errors.oidtrace', 'syntax', ['4:32-38', '5:55-61', '6:1-9']],
  ['host-servicing.log', 'teardown-order', ['7:79-87']],
  // Three VFs on two adapters, interleaved, lines from two CPUs slightly out of time order:
  // only VF 2 on pf0 goes wrong (freed with its VPort still attached, which the PF rightly fails).
  ['multi-vf-interleaved.log', 'vports-still-attached', ['15:91-101']],
  ['multi-vf-interleaved.log', 'teardown-missing-step', ['15:91-101']],
  ['multi-vf-interleaved.log', 'oid-failed', ['16:80-90']],
  // VF failover: an extension's REMOVE_VF indication opens the episode; the graceful removal times out.
  ['surprise-removal.oidtrace', 'surprise-removal', ['8:32-47']],
  // Linux guests (dmesg, syslog, the journal), read as such from their first lines though named *.log.
  ['guest-order.log', 'guest-order', ['9:102-138']],
  ['guest-vf-lost.log', 'vf-lost', ['5:100-117']],
  ['guest-vf-lost.log', 'datapath-switch-failed', ['2:100-157']],
  // After a servicing the slot comes back and hv_pci probes it, but mlx5 gives up on its firmware: no VF.
  ['guest-vf-never-registered.log', 'vf-never-registered', ['4:69-84']],
  // The slot is removed while the VF's driver holds on; the link comes back and NetVSC switches to the VF.
  ['guest-vf-activity-after-removal.log', 'vf-activity-after-removal', ['12:69-105']],
];

/** The samples with nothing to report: a VF torn down and set up as documented, a Linux guest booting (its data path flapping). */
const CLEAN = ['teardown-clean.oidtrace', 'setup-clean.oidtrace', 'guest-boot.log'];

describe('each sample fires its rule at the exact lines', () => {
  it.each(FIRES)('%s: %s', (sample, rule, at) => {
    const r = analyzeSample(sample);
    expect(r.dialect).toBe(sample.startsWith('guest-') ? 'linux' : sample.endsWith('.log') ? 'wpp' : 'oidtrace');
    expect(r.internalErrors).toEqual([]);
    expect(r.diagnostics.filter((d) => d.rule === rule).map((d) => where(d).replace(/ .*$/, ''))).toEqual(at);
  });

  it("every rule but step-slow has a sample (step-slow needs a threshold below the samples' latencies)", () => {
    const covered = new Set(FIRES.map(([, rule]) => rule));
    expect(RULE_IDS.filter((id) => !covered.has(id))).toEqual(['step-slow']);
    expect(analyzeSample('teardown-clean.oidtrace', { stepSlowMs: 30 }).diagnostics.map(where)).toEqual(['13:36-54 step-slow']);
  });

  it('every sample on disk is listed here or clean', () => {
    const listed = new Set([...FIRES.map(([s]) => s), ...CLEAN]);
    // Files only: samples/custom/ holds a user-format trace with its dialect (test/engine/custom-dialect.test.ts).
    expect(
      readdirSync(SAMPLES_DIR, { withFileTypes: true })
        .filter((f) => f.isFile() && !listed.has(f.name))
        .map((f) => f.name),
    ).toEqual([]);
  });
});

describe('the clean samples', () => {
  it.each(CLEAN)('%s: zero diagnostics, every severity', (sample) => {
    const r = analyzeSample(sample, { stepSlowMs: 1 });
    // stepSlowMs 1 would flag the 40 ms FLR; at the default threshold nothing at all.
    expect(analyzeSample(sample).diagnostics).toEqual([]);
    expect(r.diagnostics.every((d) => d.rule === 'step-slow')).toBe(true);
  });
});

describe('the samples with a single problem have nothing else to say', () => {
  it.each([
    ['teardown-order.oidtrace', ['7:36-54 teardown-order']],
    ['teardown-missing-step.oidtrace', ['6:36-58 teardown-missing-step']],
    ['vf-still-in-use.oidtrace', ['6:36-66 vf-still-in-use', '8:36-63 vf-still-in-use']],
    ['filters-not-moved.oidtrace', ['6:36-63 filters-not-moved']],
    ['setup-order.oidtrace', ['4:39-65 setup-order', '8:39-66 setup-order']],
    ['switch-in-use.oidtrace', ['8:36-64 switch-in-use']],
    ['vport-per-vf.oidtrace', ['7:39-66 vport-per-vf']],
    ['oid-failed-and-pending.oidtrace', ['8:41-59 oid-failed', '9:36-58 oid-pending', '9:36-58 teardown-missing-step']],
    // FREE_VF answered INVALID_PARAMETER, as R11 says it must be: oid-failed follows.
    ['vports-still-attached.oidtrace', ['9:36-58 vports-still-attached', '10:41-63 oid-failed']],
    ['host-servicing.log', ['7:79-87 teardown-order']],
    ['surprise-removal.oidtrace', ['8:32-47 surprise-removal']],
    ['guest-order.log', ['9:102-138 guest-order']],
    // The switch from the VF failed, so the VF went with the traffic on it.
    ['guest-vf-lost.log', ['2:100-157 datapath-switch-failed', '5:100-117 vf-lost']],
    ['guest-vf-never-registered.log', ['4:69-84 vf-never-registered']],
    ['guest-vf-activity-after-removal.log', ['12:69-105 vf-activity-after-removal']],
  ])('%s', (sample, all) => {
    expect(analyzeSample(sample).diagnostics.map(where)).toEqual(all);
  });
});
