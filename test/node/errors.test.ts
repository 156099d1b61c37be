/**
 * What the command says when the file system refuses a path: one short reason
 * per error code. The errors are built here, as node builds them, so every
 * code is checked whoever runs the tests (root reads any file, so a file made
 * unreadable with chmod cannot show EACCES there).
 */
import { describe, expect, it } from 'vitest';
import { describeFsError, InputError } from '../../src/node/errors';

/** An error as `fs` throws it: message `CODE: text, syscall 'path'`, with `code`, `errno`, `syscall`, `path`. */
function errnoError(code: string, errno: number, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failure, ${syscall} '${path}'`), { code, errno, syscall, path });
}

describe('describeFsError', () => {
  it.each([
    ['ENOENT', -2, 'no such file'],
    ['ENOTDIR', -20, 'no such file (a part of the path is not a directory)'],
    ['ENAMETOOLONG', -36, 'no such file (the name is too long)'],
    ['EISDIR', -21, 'is a directory, not a trace file'],
    ['EACCES', -13, 'permission denied'],
    ['EPERM', -1, 'permission denied'],
    ['EMFILE', -24, 'too many open files'],
  ])('%s: "%s", naming the path as given', (code, errno, why) => {
    const e = describeFsError('traces/host.log', errnoError(code, errno, 'open', '/abs/traces/host.log'));
    expect(e).toBeInstanceOf(InputError);
    expect([e.path, e.message]).toEqual(['traces/host.log', why]);
  });

  it("another code: the system's own message", () => {
    const e = describeFsError('t.log', errnoError('EIO', -5, 'read', 't.log'));
    expect([e.path, e.message]).toEqual(['t.log', "EIO: failure, read 't.log'"]);
  });

  it('something that is not an Error: its text', () => {
    expect(describeFsError('t.log', 'disk gone').message).toBe('disk gone');
    expect(describeFsError('t.log', undefined).message).toBe('undefined');
  });
});
