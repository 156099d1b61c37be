/**
 * The findings on each documented step of an episode: a diagnostic about the
 * step's request (or lifecycle event) or its completion belongs to the step, so
 * the checklist can say "done, but vf-still-in-use" instead of "in order".
 */
import type { Diagnostic, Episode, EpisodeStep, StepFinding } from './types';

/** The finding a step shows: the rule, how bad, and where (line, file) with a short message. */
function finding(d: Diagnostic): StepFinding {
  return {
    rule: d.rule,
    severity: d.severity,
    line: d.span.line,
    ...(d.source !== undefined ? { source: d.source } : {}),
    message: d.note ?? d.message.split(';')[0]!,
  };
}

/**
 * Gives each step of `episodes` the findings of `diagnostics` on its events,
 * in diagnostic order. Steps are replaced, never changed in place (a snapshot's
 * episodes share their steps with the model's); a step without findings loses
 * any it had from an earlier call.
 */
export function attachStepFindings(episodes: Episode[], diagnostics: readonly Diagnostic[]): void {
  const byEvent = new Map<number, Diagnostic[]>();
  const touched = new Set<number>();
  for (const d of diagnostics) {
    if (d.event === undefined || d.episode === undefined) continue;
    const list = byEvent.get(d.event);
    if (list) list.push(d);
    else byEvent.set(d.event, [d]);
    touched.add(d.episode);
  }
  for (const episode of episodes) {
    if (!touched.has(episode.index) && !episode.steps.some((s) => s.findings)) continue;
    episode.steps = episode.steps.map((s) => withFindings(s, byEvent));
  }
}

function withFindings(step: EpisodeStep, byEvent: Map<number, Diagnostic[]>): EpisodeStep {
  const diags = [
    ...(step.event !== undefined ? (byEvent.get(step.event) ?? []) : []),
    ...(step.completion !== undefined && step.completion !== step.event ? (byEvent.get(step.completion) ?? []) : []),
  ];
  const { findings: _old, ...rest } = step;
  return diags.length ? { ...rest, findings: diags.map(finding) } : rest;
}
