/**
 * "OID Trace: Correlate Traces…": a host trace and the guest's kernel log of the
 * same VF, told as one story by the engine's `correlate`. The findings go to
 * each file's Problems entries (a related location may be in the other file),
 * and the preview draws the host's and the guest's lanes in one diagram. The
 * files are only read.
 */
import * as vscode from 'vscode';
import { correlate, CorrelationError, decodeText, type AnalysisResult, type Correlation } from '../engine';
import { customDialectFor, readSettings } from './config';
import { toDiagnostic } from './convert';

/** A correlation as the preview and the Problems panel know it. */
export interface CorrelationView {
  /** The preview's resource: the host file's URI with the guest's in its query. */
  resource: vscode.Uri;
  host: vscode.Uri;
  guest: vscode.Uri;
  result: AnalysisResult;
}

/** How the pair was made, so that a preview restored after a reload makes it again the same way. */
export interface CorrelationChoices {
  offsetMs?: number;
  hostVf?: string;
  hostAdapter?: string;
}

export function correlationResource(host: vscode.Uri, guest: vscode.Uri, choices: CorrelationChoices = {}): vscode.Uri {
  const parts = [`oidtrace-correlate=${encodeURIComponent(guest.toString())}`];
  if (choices.offsetMs !== undefined) parts.push(`offset=${choices.offsetMs}`);
  if (choices.hostVf !== undefined) parts.push(`vf=${encodeURIComponent(choices.hostVf)}`);
  if (choices.hostAdapter !== undefined) parts.push(`adapter=${encodeURIComponent(choices.hostAdapter)}`);
  return host.with({ query: parts.join('&') });
}

/** The host, the guest and the choices of a correlation's resource; undefined for any other resource. */
export function parseCorrelationResource(resource: vscode.Uri): ({ host: vscode.Uri; guest: vscode.Uri } & CorrelationChoices) | undefined {
  const params = new Map(
    resource.query.split('&').map((p) => {
      const eq = p.indexOf('=');
      return [p.slice(0, eq), decodeURIComponent(p.slice(eq + 1))] as const;
    }),
  );
  const guest = params.get('oidtrace-correlate');
  if (!guest) return undefined;
  const offset = params.has('offset') ? Number(params.get('offset')) : undefined;
  return {
    host: resource.with({ query: '' }),
    guest: vscode.Uri.parse(guest),
    offsetMs: offset !== undefined && Number.isFinite(offset) ? offset : undefined,
    hostVf: params.get('vf'),
    hostAdapter: params.get('adapter'),
  };
}

async function pick(title: string, openLabel: string): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, title, openLabel });
  return picked?.[0];
}

async function readText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  return open ? open.getText() : decodeText(await vscode.workspace.fs.readFile(uri));
}

/** Asks for the two files and the clock offset, correlates, publishes; undefined when the user stopped. */
export async function correlateTraces(
  collection: vscode.DiagnosticCollection,
  args: { host?: vscode.Uri; guest?: vscode.Uri; offsetMs?: number; hostVf?: string; hostAdapter?: string; quiet?: boolean } = {},
): Promise<CorrelationView | undefined> {
  const host = args.host ?? (await pick('OID Trace: Correlate — 1 of 2: the host trace', 'Host trace'));
  if (!host) return undefined;
  const guest = args.guest ?? (await pick("OID Trace: Correlate — 2 of 2: the guest's kernel log (dmesg, syslog, journal)", 'Guest log'));
  if (!guest) return undefined;
  let offsetMs = args.offsetMs;
  if (args.host === undefined) {
    const typed = await vscode.window.showInputBox({
      title: "OID Trace: the guest's clock",
      prompt: "Milliseconds to add to the guest's times to put them on the host's clock. Leave empty to estimate it from the VF's setup.",
      placeHolder: 'estimate',
      validateInput: (v) => (v.trim() === '' || Number.isFinite(Number(v)) ? undefined : 'A number of milliseconds (may be negative), or empty'),
    });
    if (typed === undefined) return undefined;
    if (typed.trim() !== '') offsetMs = Number(typed);
  }
  const settings = readSettings(host);
  const [hostText, guestText] = await Promise.all([readText(host), readText(guest)]);
  const run = (hostVf?: string, hostAdapter?: string): Correlation =>
    correlate(
      { name: host.path, text: hostText },
      { name: guest.path, text: guestText },
      {
        rules: settings.rules,
        stepSlowMs: settings.stepSlowMs,
        customDialect: customDialectFor(host.path, settings),
        offsetMs,
        hostVf,
        hostAdapter,
      },
    );
  let c: Correlation;
  let chosen: { vf?: string; adapter?: string } = { vf: args.hostVf, adapter: args.hostAdapter };
  try {
    c = run(chosen.vf, chosen.adapter);
  } catch (error) {
    if (!(error instanceof CorrelationError)) throw error;
    // Made again without the user (a preview restored after a reload): a pair that no longer correlates is an error shown there.
    if (args.quiet) throw error;
    if (!error.choices?.length) {
      void vscode.window.showErrorMessage(`OID Trace: cannot correlate: ${error.message}.`);
      return undefined;
    }
    // Several host VFs: the user says which one is the guest's.
    const choice = await vscode.window.showQuickPick(
      error.choices.map((v) => ({ label: `VF ${v.vf}`, description: v.adapter === 'default' ? '' : v.adapter, v })),
      { title: "OID Trace: which host VF is the guest's?", placeHolder: error.message },
    );
    if (!choice) return undefined;
    chosen = { vf: choice.v.vf, adapter: choice.v.adapter };
    try {
      c = run(chosen.vf, chosen.adapter);
    } catch (again) {
      if (!(again instanceof CorrelationError)) throw again;
      void vscode.window.showErrorMessage(`OID Trace: cannot correlate: ${again.message}.`);
      return undefined;
    }
  }
  const sources = [host, guest];
  collection.set(
    host,
    c.host.diagnostics.map((d) => toDiagnostic(host, d, sources)),
  );
  collection.set(
    guest,
    c.guest.diagnostics.map((d) => toDiagnostic(guest, d, sources)),
  );
  if (!args.quiet)
    void vscode.window.showInformationMessage(
      `OID Trace: ${c.result.diagnostics.length === 1 ? '1 problem' : `${c.result.diagnostics.length} problems`} in ${vscode.workspace.asRelativePath(host)} + ${vscode.workspace.asRelativePath(guest)}; ${c.note}.`,
    );
  return { resource: correlationResource(host, guest, { offsetMs, hostVf: chosen.vf, hostAdapter: chosen.adapter }), host, guest, result: c.result };
}
