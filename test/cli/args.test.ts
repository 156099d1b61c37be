/**
 * The command line as `oidtrace` reads it: the words node's parseArgs would
 * take differently, and the messages the command words itself. The common
 * cases (unknown options, bad values) are in cli.test.ts and hostile/cli.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args';

const usage = (argv: string[]): string => {
  try {
    parseArgs(argv);
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
};

describe('a value that starts with a dash', () => {
  it('is the value of the option before it: --clock-offset -500', () => {
    expect(parseArgs(['lint', '--correlate', 'host.log', 'guest.log', '--clock-offset', '-500'])).toMatchObject({
      clockOffsetMs: -500,
      files: ['host.log', 'guest.log'],
    });
    expect(parseArgs(['lint', '--correlate', '--clock-offset=-2.5', 'host.log', 'guest.log'])).toMatchObject({ clockOffsetMs: -2.5 });
  });

  it('is checked as that value, not taken for an option', () => {
    expect(usage(['lint', '--format', '--episodes', 'x.log'])).toBe('--format --episodes is not one of text, json, sarif');
    expect(usage(['lint', '--step-slow-ms', '-1', 'x.log'])).toBe('--step-slow-ms takes a number of milliseconds');
  });

  it('-o takes the next word too, and names --output when it has none', () => {
    expect(parseArgs(['convert', 'in.log', '-o', '-out.oidtrace'])).toMatchObject({ output: '-out.oidtrace', files: ['in.log'] });
    expect(usage(['convert', 'in.log', '-o'])).toBe('--output needs a value');
  });
});

describe('words the command refuses', () => {
  it.each([
    ['a switch given a value', ['lint', '--episodes=yes', 'x.log'], '--episodes takes no value'],
    ['--correlate given a value', ['lint', '--correlate=1', 'h.log', 'g.log'], '--correlate takes no value'],
    ['grouped short flags', ['lint', '-xo', 'x.log'], "unknown option '-xo' for lint (see --help)"],
    ['--format given to convert', ['convert', '--format', 'mermaid', 'x.log'], "unknown option '--format' for convert (see --help)"],
    ['-o given to lint', ['lint', '-o', 'out', 'x.log'], "unknown option '-o' for lint (see --help)"],
    ['a bare -- before a file', ['diagram', '--', 'x.log'], "unknown option '--' for diagram (see --help)"],
  ])('%s', (_label, argv, message) => {
    expect(usage(argv)).toBe(message);
  });

  it('the first bad word, in the order typed, is the one named', () => {
    expect(usage(['lint', '--format', 'xml', '--bogus', 'x.log'])).toBe('--format xml is not one of text, json, sarif');
    expect(usage(['lint', '--bogus', '--format', 'xml', 'x.log'])).toBe("unknown option '--bogus' for lint (see --help)");
    expect(usage(['lint', '--rule', 'nope=off', 'x.log', '--vf'])).toMatch(/^unknown rule 'nope'; rules are /);
  });
});

describe('what a good line gives', () => {
  it('every option of lint, repeated --rule kept in order', () => {
    expect(
      parseArgs(['lint', '--format=json', '--rule', 'oid-pending=off', '--rule=step-slow=error', '--step-slow-ms', '30', '--episodes', 'a.log', '-', 'b.oidtrace']),
    ).toEqual({
      command: 'lint',
      files: ['a.log', '-', 'b.oidtrace'],
      rules: { 'oid-pending': 'off', 'step-slow': 'error' },
      format: 'json',
      stepSlowMs: 30,
      episodes: true,
    });
  });

  it('-j N, -jN, --jobs=N and --no-progress', () => {
    expect(parseArgs(['lint', '-j', '4', '--no-progress', 'traces'])).toEqual({ command: 'lint', files: ['traces'], rules: {}, jobs: 4, noProgress: true });
    expect(parseArgs(['lint', '-j1', 'traces'])).toMatchObject({ jobs: 1 });
    expect(parseArgs(['lint', '--jobs=12', 'traces'])).toMatchObject({ jobs: 12 });
  });

  it.each([['0'], ['-2'], ['1.5'], ['two'], ['']])('--jobs %j is refused', (value) => {
    expect(usage(['lint', '--jobs', value, 'traces'])).toBe('--jobs takes a whole number of files at a time, 1 or more');
  });

  it('-j and --no-progress are lint options only', () => {
    expect(usage(['diagram', '-j', '2', 'x.log'])).toBe("unknown option '-j' for diagram (see --help)");
    expect(usage(['convert', '--no-progress', 'x.log'])).toBe("unknown option '--no-progress' for convert (see --help)");
  });

  it('diagram with --vf and --page-size', () => {
    expect(parseArgs(['diagram', 'x.log', '--vf', '2', '--page-size=50', '--format', 'markdown'])).toEqual({
      command: 'diagram',
      files: ['x.log'],
      rules: {},
      vf: '2',
      pageSize: 50,
      format: 'markdown',
    });
  });

  it('--help and --version win wherever they are', () => {
    expect(parseArgs(['lint', '--bogus', '--help'])).toBe('help');
    expect(parseArgs(['diagram', 'x.log', '-v'])).toBe('version');
  });
});
