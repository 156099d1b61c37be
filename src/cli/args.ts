/**
 * The command line of `oidtrace`, read by node's parseArgs (strict): which
 * options each command takes, their values checked, the checks between them.
 * A refused line is reported as one usage error naming the first bad word.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs as nodeParseArgs, type ParseArgsConfig } from 'node:util';
import { compileCustomDialects, RULE_IDS, type CustomDialect, type SeveritySetting } from '../engine';
import { UsageError } from '../node/errors';

export interface Parsed {
  command: Command;
  files: string[];
  format?: string;
  rules: Record<string, SeveritySetting>;
  vf?: string;
  pageSize?: number;
  stepSlowMs?: number;
  dialect?: CustomDialect;
  output?: string;
  correlate?: boolean;
  episodes?: boolean;
  /** Report errors only. */
  quiet?: boolean;
  /** `-j N`: files linted at a time (1: in this thread, no worker). */
  jobs?: number;
  /** `--no-progress`: no progress line on standard error. */
  noProgress?: boolean;
  clockOffsetMs?: number;
  adapter?: string;
  /** `dialect suggest --name`: the name of the dialect proposed. */
  name?: string;
}

const SEVERITIES = new Set(['off', 'info', 'warning', 'error']);

/** `dialect` is `dialect suggest`, its only subcommand. */
type Command = 'lint' | 'diagram' | 'convert' | 'dialect';
type Options = NonNullable<ParseArgsConfig['options']>;
type Token = NonNullable<ReturnType<typeof nodeParseArgs>['tokens']>[number];

const DIALECT: Options = { dialect: { type: 'string' } };
const CORRELATE: Options = { correlate: { type: 'boolean' }, 'clock-offset': { type: 'string' }, adapter: { type: 'string' }, vf: { type: 'string' } };

/** The options each command takes; any other is an unknown option for it. */
const OPTIONS: Record<Command, Options> = {
  lint: {
    ...DIALECT,
    ...CORRELATE,
    format: { type: 'string' },
    rule: { type: 'string', multiple: true },
    'step-slow-ms': { type: 'string' },
    episodes: { type: 'boolean' },
    quiet: { type: 'boolean' },
    jobs: { type: 'string', short: 'j' },
    'no-progress': { type: 'boolean' },
  },
  diagram: { ...DIALECT, ...CORRELATE, format: { type: 'string' }, 'page-size': { type: 'string' } },
  convert: { ...DIALECT, to: { type: 'string' }, output: { type: 'string', short: 'o' } },
  dialect: { name: { type: 'string' } },
};

const FORMATS: Record<Command, readonly string[]> = { lint: ['text', 'json', 'sarif'], diagram: ['mermaid', 'markdown'], convert: [], dialect: [] };

const isCommand = (word: string | undefined): word is Command => word !== undefined && Object.hasOwn(OPTIONS, word);

export function parseArgs(argv: readonly string[]): Parsed | 'help' | 'version' {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) return 'help';
  if (argv.includes('--version') || argv.includes('-v')) return 'version';
  const [command, ...words] = argv;
  if (!isCommand(command)) throw new UsageError(`unknown command '${command}'; expected lint, diagram, convert or dialect suggest (see --help)`);
  const rest = command === 'dialect' ? subcommandWords(words) : words;
  const options = OPTIONS[command];
  const args = valuesAttached(rest, options);
  let tokens: Token[];
  let refusal: Error | undefined;
  try {
    ({ tokens } = nodeParseArgs({ args, options, strict: true, allowPositionals: true, tokens: true }));
  } catch (error) {
    if (!(error instanceof Error && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS_'))) throw error;
    // Refused: the same words read leniently, so that the first problem in the
    // order they were typed is the one reported, in the command's own words.
    ({ tokens } = nodeParseArgs({ args, options, strict: false, allowPositionals: true, tokens: true }));
    refusal = error;
  }
  const parsed: Parsed = { command, files: [], rules: {} };
  for (const token of tokens) take(parsed, token, args[token.index] ?? '', options);
  if (refusal) throw new UsageError(`${refusal.message.split('\n')[0]} (see --help)`);

  const [first] = parsed.files;
  if (first === undefined) throw new UsageError(`${spoken(command)} needs a FILE (or - for standard input)`);
  if (parsed.correlate) {
    if (parsed.files.length !== 2) throw new UsageError('--correlate takes two files: HOST GUEST');
  } else if (command !== 'lint' && parsed.files.length > 1) {
    throw new UsageError(`${spoken(command)} takes one FILE`);
  } else if (parsed.clockOffsetMs !== undefined || parsed.adapter !== undefined || (command === 'lint' && parsed.vf !== undefined)) {
    throw new UsageError('--clock-offset, --adapter and lint --vf go with --correlate');
  }
  if (parsed.output !== undefined && first !== '-' && resolve(parsed.output) === resolve(first)) {
    throw new UsageError('--output names the input file; convert never writes over a trace');
  }
  return parsed;
}

/** A command as typed: `dialect suggest`. */
const spoken = (command: Command): string => (command === 'dialect' ? 'dialect suggest' : command);

/** `dialect suggest ...`: the words after the subcommand, which must come first. */
function subcommandWords(words: readonly string[]): readonly string[] {
  const [sub, ...rest] = words;
  if (sub !== 'suggest') throw new UsageError(`dialect takes a subcommand: dialect suggest FILE${sub === undefined ? '' : `, got '${sub}'`} (see --help)`);
  return rest;
}

/**
 * The word after an option that takes a value is its value, also when it starts
 * with `-` (`--clock-offset -500`), which parseArgs would refuse as ambiguous:
 * such a pair is handed to it as one `--name=value` word.
 */
function valuesAttached(args: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const name = arg.startsWith('--') ? arg.slice(2) : Object.keys(options).find((k) => arg === `-${options[k]!.short}`);
    const next = args[i + 1];
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined) {
      out.push(`--${name}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** One word of the command line into `parsed`; `raw` is the word as typed. */
function take(parsed: Parsed, token: Token, raw: string, options: Options): void {
  const { command } = parsed;
  if (token.kind === 'positional') {
    parsed.files.push(token.value);
    return;
  }
  // `--` would make every later word a file, even `--format`: the command has no use for it.
  if (token.kind === 'option-terminator' || options[token.name] === undefined) throw new UsageError(`unknown option '${raw}' for ${spoken(command)} (see --help)`);
  const name = `--${token.name}`;
  if (options[token.name]!.type === 'boolean') {
    if (token.inlineValue) throw new UsageError(`${name} takes no value`);
    if (token.name === 'episodes') parsed.episodes = true;
    else if (token.name === 'quiet') parsed.quiet = true;
    else if (token.name === 'no-progress') parsed.noProgress = true;
    else parsed.correlate = true;
    return;
  }
  const value = token.value;
  if (value === undefined) throw new UsageError(`${name} needs a value`);
  switch (token.name) {
    case 'format': {
      const allowed = FORMATS[command];
      if (!allowed.includes(value)) throw new UsageError(`--format ${value} is not one of ${allowed.join(', ')}`);
      parsed.format = value;
      break;
    }
    case 'rule': {
      const m = /^([a-z-]+)=(\w+)$/.exec(value);
      if (!m) throw new UsageError(`--rule takes RULE=off|info|warning|error, got '${value}'`);
      const [, rule = '', severity = ''] = m;
      if (!RULE_IDS.includes(rule)) throw new UsageError(`unknown rule '${rule}'; rules are ${RULE_IDS.join(', ')}`);
      if (!SEVERITIES.has(severity)) throw new UsageError(`unknown severity '${severity}' for ${rule}; use off, info, warning or error`);
      parsed.rules[rule] = severity as SeveritySetting;
      break;
    }
    case 'step-slow-ms': {
      const n = Number(value);
      if (!Number.isFinite(n) || n < 0) throw new UsageError('--step-slow-ms takes a number of milliseconds');
      parsed.stepSlowMs = n;
      break;
    }
    case 'clock-offset': {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new UsageError('--clock-offset takes a number of milliseconds (may be negative)');
      parsed.clockOffsetMs = n;
      break;
    }
    case 'jobs': {
      const n = Number(value);
      if (!/^\d+$/.test(value) || n < 1) throw new UsageError('--jobs takes a whole number of files at a time, 1 or more');
      parsed.jobs = n;
      break;
    }
    case 'page-size': {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new UsageError('--page-size takes a whole number');
      parsed.pageSize = n;
      break;
    }
    case 'adapter':
      parsed.adapter = value;
      break;
    case 'name':
      if (value.trim() === '' || value.length > 100) throw new UsageError('--name takes a short text');
      parsed.name = value;
      break;
    case 'vf':
      parsed.vf = value;
      break;
    case 'dialect':
      parsed.dialect = readDialect(value);
      break;
    case 'to':
      if (value !== 'oidtrace') throw new UsageError(`--to ${value}: the only target is oidtrace`);
      break;
    case 'output':
      parsed.output = value;
      break;
  }
}

/** A `--dialect` file: one dialect object, or a list; the first one that compiles is used, problems are usage errors. */
function readDialect(path: string): CustomDialect {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new UsageError(`--dialect ${path}: ${e.code === 'ENOENT' ? 'no such file' : e instanceof SyntaxError ? `not valid JSON (${e.message})` : e.message}`);
  }
  const { dialects, errors } = compileCustomDialects(value, path);
  if (errors.length) throw new UsageError(`--dialect ${errors[0]}`);
  if (!dialects.length) throw new UsageError(`--dialect ${path}: no dialect in it`);
  return dialects[0]!;
}
