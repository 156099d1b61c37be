/** Tasks run out of order, results handed on in order, as soon as every one before is done. */
import { describe, expect, it } from 'vitest';
import { inOrder } from '../../src/cli/in-order';

/** A task per item that finishes when the test says so. */
function controlled(n: number) {
  const finish: Array<(value: string) => void> = [];
  const fail: Array<(error: Error) => void> = [];
  const started: number[] = [];
  const emitted: string[] = [];
  const task = (item: string, i: number) =>
    new Promise<string>((resolve, reject) => {
      started.push(i);
      finish[i] = resolve;
      fail[i] = reject;
    }).then((v) => `${item}:${v}`);
  const emit = (r: string) => emitted.push(r);
  const items = Array.from({ length: n }, (_, i) => `f${i}`);
  return { items, task, emit, finish, fail, started, emitted };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('inOrder', () => {
  it('hands a result on when it and all before it are done, not before, not at the end', async () => {
    const c = controlled(4);
    const run = inOrder(c.items, { limit: 4 }, c.task, c.emit);
    await settle();
    expect(c.started).toEqual([0, 1, 2, 3]);
    c.finish[2]!('done');
    c.finish[1]!('done');
    await settle();
    expect(c.emitted).toEqual([]);
    c.finish[0]!('done');
    await settle();
    expect(c.emitted).toEqual(['f0:done', 'f1:done', 'f2:done']);
    c.finish[3]!('done');
    await run;
    expect(c.emitted).toEqual(['f0:done', 'f1:done', 'f2:done', 'f3:done']);
  });

  it('runs at most `limit` tasks at a time', async () => {
    const c = controlled(5);
    const run = inOrder(c.items, { limit: 2 }, c.task, c.emit);
    await settle();
    expect(c.started).toEqual([0, 1]);
    c.finish[1]!('x');
    await settle();
    expect(c.started).toEqual([0, 1, 2]);
    for (const i of [0, 2, 3, 4]) {
      await settle();
      c.finish[i]!('x');
    }
    await run;
    expect(c.emitted).toEqual(['f0:x', 'f1:x', 'f2:x', 'f3:x', 'f4:x']);
  });

  it('starts nothing past `window` items beyond the first one not handed on', async () => {
    const c = controlled(6);
    const run = inOrder(c.items, { limit: 6, window: 3 }, c.task, c.emit);
    await settle();
    expect(c.started).toEqual([0, 1, 2]);
    c.finish[1]!('x');
    c.finish[2]!('x');
    await settle();
    expect(c.started).toEqual([0, 1, 2]);
    c.finish[0]!('x');
    await settle();
    expect(c.started).toEqual([0, 1, 2, 3, 4, 5]);
    for (const i of [3, 4, 5]) c.finish[i]!('x');
    await run;
    expect(c.emitted).toHaveLength(6);
  });

  it('a task that fails stops the run once the running ones are done; nothing after it is handed on', async () => {
    const c = controlled(4);
    const run = inOrder(c.items, { limit: 2 }, c.task, c.emit);
    let rejected: unknown;
    run.catch((e: unknown) => (rejected = e));
    await settle();
    c.fail[1]!(new Error('worker lost'));
    await settle();
    expect(rejected).toBeUndefined();
    expect(c.started).toEqual([0, 1]);
    c.finish[0]!('x');
    await settle();
    expect(rejected).toEqual(new Error('worker lost'));
    expect(c.emitted).toEqual(['f0:x']);
  });

  it('a task that throws at once is a failure too', async () => {
    await expect(
      inOrder(
        ['a'],
        { limit: 1 },
        () => {
          throw new Error('no');
        },
        () => undefined,
      ),
    ).rejects.toThrow('no');
  });

  it('no item: done at once', async () => {
    const emitted: unknown[] = [];
    await inOrder(
      [],
      { limit: 3 },
      () => Promise.resolve(1),
      (r) => emitted.push(r),
    );
    expect(emitted).toEqual([]);
  });
});

describe('inOrder when the output fails', () => {
  it('an emit that throws stops the run: nothing more is handed on', async () => {
    const c = controlled(3);
    const emitted: string[] = [];
    const run = inOrder(c.items, { limit: 3 }, c.task, (r) => {
      if (r.startsWith('f0')) throw new Error('EPIPE');
      emitted.push(r);
    });
    await settle();
    c.finish[0]!('x');
    c.finish[2]!('x');
    await settle();
    c.finish[1]!('x');
    await expect(run).rejects.toThrow('EPIPE');
    expect(emitted).toEqual([]);
  });
});
