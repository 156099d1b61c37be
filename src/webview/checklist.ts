/**
 * The checklist of the documented order: one row per step, saying the truth about it —
 * done, failed (with its status), missing, out of order, or done but breaking a rule
 * (with the rule) — marked by severity. A row reveals its line; a finding, its own.
 */
import type { EpisodeStep, StepFinding } from '../engine/types';
import { el } from './dom';
import { checklist, checklistTitle } from './layout';
import { view } from './state';

export type Reveal = (line: number, source: number | undefined) => void;

/** How bad a step's state is: what colours its row. */
export type StepSeverity = 'error' | 'warning' | 'info' | 'ok' | 'none';

const ORDER = { error: 3, warning: 2, info: 1 } as const;

function worst(findings: readonly StepFinding[]): StepFinding | undefined {
  return [...findings].sort((a, b) => ORDER[b.severity] - ORDER[a.severity])[0];
}

/** The words and the severity of a step's row. */
export function stepState(s: EpisodeStep): { text: string; severity: StepSeverity } {
  const findings = s.findings ?? [];
  const bad = worst(findings.filter((f) => f.severity !== 'info'));
  const rules = [...new Set(findings.filter((f) => f.severity !== 'info').map((f) => f.rule))].join(', ');
  switch (s.state) {
    case 'failed':
      return { text: `failed${s.status ? `: ${s.status.replace(/^NDIS_STATUS_/, '')}` : ''}`, severity: 'error' };
    case 'missing':
      return { text: 'missing', severity: bad?.severity ?? 'error' };
    case 'out-of-order':
      return { text: `out of order${rules ? ` (${rules})` : ''}`, severity: bad?.severity ?? 'warning' };
    case 'pending':
      return { text: 'never completed', severity: bad?.severity ?? 'warning' };
    case 'not-seen':
      return { text: s.optional ? 'not in trace (optional)' : 'not in trace', severity: 'none' };
    default:
      if (bad) return { text: `done, but ${rules}`, severity: bad.severity };
      return { text: 'done', severity: 'ok' };
  }
}

const ICON: Record<StepSeverity, string> = { error: '✗', warning: '!', info: 'i', ok: '✓', none: '·' };

function took(ms: number | undefined): string {
  if (ms === undefined) return '';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

export function fillChecklist(reveal: Reveal): void {
  checklist.replaceChildren();
  const detail = view.detail;
  if (!detail) return;
  const head = el('thead');
  const hr = el('tr');
  for (const h of ['Step', 'What', 'State', 'Took']) hr.append(el('th', { scope: 'col' }, h));
  head.append(hr);
  const rows = el('tbody');
  const byIndex = new Map(detail.events.map((e) => [e.index, e]));
  for (const s of detail.episode.steps) {
    const { text, severity } = stepState(s);
    const ev = s.event !== undefined ? byIndex.get(s.event) : undefined;
    const row = el('tr', { class: `step state-${s.state} sev-${severity}`, 'data-step': s.id, 'data-severity': severity });
    const what = s.oid ? s.oid.replace(/^OID_(NIC_SWITCH_|SRIOV_|RECEIVE_FILTER_)?/, '') : (s.verb ?? s.title);
    const stateCell = el('td', { class: 'state' });
    stateCell.append(el('span', { class: 'icon', 'aria-hidden': 'true' }, ICON[severity]), document.createTextNode(` ${text}`));
    for (const f of s.findings ?? []) {
      const link = el(
        'a',
        { href: '#', class: `finding sev-${f.severity}`, title: `${f.rule}: ${f.message}`, 'data-rule': f.rule },
        `${f.rule} · line ${f.line.toLocaleString('en')}`,
      );
      link.addEventListener('click', (e) => {
        e.preventDefault();
        e.stopPropagation();
        reveal(f.line, f.source);
      });
      stateCell.append(el('br'), link);
    }
    row.append(
      el('td', { class: 'id' }, s.id),
      el('td', { class: 'what' }, what + (s.optional ? ' (optional)' : '')),
      stateCell,
      el('td', { class: 'took' }, took(s.latencyMs)),
    );
    row.title = ev ? `${s.title} — line ${ev.line.toLocaleString('en')}` : s.title;
    if (ev) {
      row.classList.add('clickable');
      row.addEventListener('click', () => reveal(ev.line, ev.source));
    } else if (s.state === 'missing') {
      row.classList.add('clickable');
      row.addEventListener('click', () => reveal(detail.episode.lastLine, undefined));
    }
    rows.append(row);
  }
  checklist.append(head, rows);
  const kind = detail.episode.kind;
  checklistTitle.textContent = detail.episode.sequence
    ? `Documented order (${kind === 'vf-teardown' ? 'VF teardown' : kind === 'vf-setup' ? 'VF initialization' : 'NIC switch'})`
    : 'No documented order for this episode';
}
