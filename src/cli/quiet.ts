/** `oidtrace lint --quiet`: only errors are reported (warnings and infos are dropped), as eslint's --quiet. */
import type { FileReport } from './formats';

export function onlyErrors(report: FileReport): FileReport {
  if (!report.result) return report;
  return { ...report, result: { ...report.result, diagnostics: report.result.diagnostics.filter((d) => d.severity === 'error') } };
}
