// Bounded waiting with error messages that say what was waited for.

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls `probe` until it returns a truthy value (which is returned) or `timeout` ms pass.
 * Errors thrown by `probe` count as "not yet"; the last one is quoted in the timeout error.
 */
export async function waitUntil(what, probe, { timeout = 15000, interval = 100 } = {}) {
  const deadline = Date.now() + timeout;
  let lastError;
  let lastValue;
  for (;;) {
    try {
      lastValue = await probe();
      if (lastValue) return lastValue;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) break;
    await sleep(interval);
  }
  const detail = lastError
    ? ` (last error: ${String(lastError.message || lastError).split('\n')[0]})`
    : lastValue !== undefined && lastValue !== false && lastValue !== null
      ? ` (last value: ${JSON.stringify(lastValue)})`
      : '';
  throw new Error(`Timed out after ${timeout} ms waiting for ${what}${detail}`);
}

/** Runs a Playwright wait (or any promise-returning call) and rewrites its timeout error. */
export async function bounded(what, timeout, fn) {
  try {
    return await fn(timeout);
  } catch (e) {
    const msg = String((e && e.message) || e);
    if (/timeout|timed out/i.test(msg)) {
      throw new Error(`Timed out after ${timeout} ms waiting for ${what}\n  (${msg.split('\n')[0]})`);
    }
    throw e;
  }
}
