// Synchronous clean-ups run when this process exits, normally or on SIGINT/SIGTERM/SIGHUP
// (a signal runs them, then exits with 128 + its number).
import os from 'node:os';

const tasks = new Set();
let hooked = false;

function runAll() {
  for (const fn of [...tasks]) {
    tasks.delete(fn);
    try {
      fn();
    } catch {
      /* best effort */
    }
  }
}

/** Registers fn to run at exit; returns a function that unregisters it. */
export function onExit(fn) {
  if (!hooked) {
    hooked = true;
    process.on('exit', runAll);
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.on(sig, () => {
        runAll();
        process.exit(128 + (os.constants.signals[sig] || 1));
      });
    }
  }
  tasks.add(fn);
  return () => tasks.delete(fn);
}
