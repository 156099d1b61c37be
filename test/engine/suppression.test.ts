/**
 * Suppression comments and severity overrides, in a canonical file and in a
 * driver log: `# oidtrace-disable-next-line RULE[, RULE]` and
 * `# oidtrace-disable RULE[, RULE]` (to the end of the file).
 */
import { describe, expect, it } from 'vitest';
import { analyzeSample, lint, lintLog, sample, trace, where } from './helpers';

const OUT_OF_ORDER = trace`
  VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
  VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2
`;

describe('# oidtrace-disable-next-line in a canonical file', () => {
  it('without the comment, the line is reported', () => {
    expect(lint(OUT_OF_ORDER).diagnostics.map(where)).toEqual(['1:18-36 teardown-order']);
  });

  it('silences the named rule on the next line', () => {
    const r = lint('# oidtrace-disable-next-line teardown-order\n' + OUT_OF_ORDER);
    expect(r.diagnostics).toEqual([]);
  });

  it('silences only the rules it names; others on that line stay', () => {
    const text = trace`
      # oidtrace-disable-next-line teardown-order
      VSTACK -> PF SET OID_SRIOV_RESTE_VF vf=2
      VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
      VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2
    `;
    expect(lint(text).diagnostics.map(where)).toEqual(['2:18-36 unknown-oid', '3:18-36 teardown-order']);
  });

  it('takes a list: RULE, RULE', () => {
    const text = trace`
      VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
      PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF vf=2
      # oidtrace-disable-next-line teardown-order, oid-pending
      VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=2
      VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
    `;
    // FREE_VF (line 4) is premature and pending; RESET_VF (line 5) is pending and comes after a free.
    expect(lint(text).diagnostics.map(where)).toEqual(['5:18-36 oid-pending', '5:18-36 vf-not-allocated']);
    const without = lint(text.replace('# oidtrace-disable-next-line teardown-order, oid-pending', '# nothing'));
    expect(without.diagnostics.map(where)).toEqual(['4:18-40 oid-pending', '4:18-40 teardown-order', '5:18-36 oid-pending', '5:18-36 vf-not-allocated']);
  });

  it('affects the next line only', () => {
    const text = '# oidtrace-disable-next-line unknown-oid\n' + 'VSTACK -> PF SET OID_FOO_BAR\nVSTACK -> PF SET OID_FOO_BAR\n';
    expect(lint(text).diagnostics.map(where)).toEqual(['3:18-29 unknown-oid']);
  });

  it('names no rule: every rule', () => {
    const text = '# oidtrace-disable-next-line\nVSTACK -> PF SET OID_FOO_BAR\nVSTACK -> PF SET OID_FOO_BAR\n';
    expect(lint(text).diagnostics.map(where)).toEqual(['3:18-29 unknown-oid']);
  });

  it('a reason after -- is not a rule', () => {
    const r = lint('# oidtrace-disable-next-line teardown-order -- the FLR is retried by design\n' + OUT_OF_ORDER);
    expect(r.diagnostics).toEqual([]);
  });

  it('silences a diagnostic of a sample at its exact line', () => {
    const text = sample('teardown-order.oidtrace').replace(
      '10:41:07.112000 VSTACK -> PF   SET OID_SRIOV_RESET_VF',
      '# oidtrace-disable-next-line teardown-order\n10:41:07.112000 VSTACK -> PF   SET OID_SRIOV_RESET_VF',
    );
    expect(lint(text).diagnostics).toEqual([]);
  });
});

describe('# oidtrace-disable to the end of the file', () => {
  const text = trace`
    VSTACK -> PF SET OID_FOO_BAR
    # oidtrace-disable unknown-oid
    VSTACK -> PF SET OID_FOO_BAR
    VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
    VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2
    VSTACK -> PF SET OID_FOO_BAR
  `;

  it('silences the rule below it, not above it, and no other rule', () => {
    expect(lint(text).diagnostics.map(where)).toEqual(['1:18-29 unknown-oid', '4:18-36 teardown-order']);
  });

  it('takes a list', () => {
    expect(lint(text.replace('unknown-oid', 'unknown-oid, teardown-order')).diagnostics.map(where)).toEqual(['1:18-29 unknown-oid']);
  });

  it('with no rule silences every rule below it', () => {
    expect(lint(text.replace('# oidtrace-disable unknown-oid', '# oidtrace-disable')).diagnostics.map(where)).toEqual(['1:18-29 unknown-oid']);
  });
});

describe('suppression comments in a driver log (.log)', () => {
  const log = trace`
    [0]0A3C.0F10::11/21/2026-10:41:07.112000 [mlx5]MlxSetInformation: Unknown OID 00010255 VfId: 2 -->
    [1]0A3C.0F10::11/21/2026-10:41:07.153000 [mlx5]MlxSetInformation: Unknown OID 0x00010244 VPortId 3 VFId=2 -->
  `;

  it('without a comment, the log is reported', () => {
    expect(lintLog(log).diagnostics.map(where)).toEqual(['1:79-87 teardown-order']);
  });

  it('next-line', () => {
    expect(lintLog('# oidtrace-disable-next-line teardown-order\n' + log).diagnostics).toEqual([]);
  });

  it('to the end of the file, also indented', () => {
    expect(lintLog('   # oidtrace-disable teardown-order\n' + log).diagnostics).toEqual([]);
  });

  it('a reason that names an OID keeps the comment a comment (not an OID event)', () => {
    const r = lintLog('# oidtrace-disable-next-line teardown-order -- OID_SRIOV_RESET_VF is retried by design\n' + log);
    expect(r.diagnostics).toEqual([]);
    expect(r.events.map((e) => e.line)).toEqual([2, 3]);
  });

  it('on the host-servicing sample, at the reported line', () => {
    const lines = sample('host-servicing.log').split('\n');
    lines.splice(6, 0, '# oidtrace-disable-next-line teardown-order');
    expect(lintLog(lines.join('\n')).diagnostics).toEqual([]);
    lines.splice(6, 1, '# oidtrace-disable-next-line vf-still-in-use');
    expect(lintLog(lines.join('\n')).diagnostics.map(where)).toEqual(['8:79-87 teardown-order']);
  });
});

describe('severity overrides', () => {
  it('off removes the rule; other rules stay', () => {
    const r = analyzeSample('vf-not-allocated.oidtrace', { rules: { 'vf-not-allocated': 'off' } });
    expect(r.diagnostics.map((d) => d.rule)).not.toContain('vf-not-allocated');
    expect(r.diagnostics.map((d) => d.rule)).toContain('oid-failed');
  });

  it('info, warning, error are what the diagnostics carry', () => {
    for (const severity of ['info', 'warning', 'error'] as const) {
      const r = analyzeSample('vport-per-vf.oidtrace', { rules: { 'vport-per-vf': severity } });
      expect(r.diagnostics.map((d) => `${d.span.line} ${d.rule} ${d.severity}`)).toEqual([`7 vport-per-vf ${severity}`]);
    }
  });

  it('the default severities', () => {
    const sev = (name: string, rule: string) => analyzeSample(name).diagnostics.find((d) => d.rule === rule)!.severity;
    expect(sev('teardown-order.oidtrace', 'teardown-order')).toBe('error');
    expect(sev('teardown-missing-step.oidtrace', 'teardown-missing-step')).toBe('warning');
    expect(sev('unknown-oid.oidtrace', 'unknown-oid')).toBe('warning');
    expect(sev('oid-failed-and-pending.oidtrace', 'oid-pending')).toBe('warning');
  });

  it('an override for a rule that does not exist changes nothing', () => {
    const r = analyzeSample('teardown-order.oidtrace', { rules: { 'no-such-rule': 'off' } });
    expect(r.diagnostics.map(where)).toEqual(['7:36-54 teardown-order']);
  });
});
