/**
 * The extension's analysis thread: it holds the texts of the big traces open in
 * the editor and analyses them, so that the extension host's thread only sends
 * edits and receives results. It also reads the line patterns a user tries in
 * "Teach a Line Format…" on the text of the file they are taught from (held
 * while the dialog is open). Started by src/extension/analysis-worker-client.ts.
 *
 * Messages are handled one after another, in the order sent: an edit posted
 * after a load applies to the loaded text, an analysis to every edit before it.
 */
import { parentPort } from 'node:worker_threads';
import { analyze, previewSource, readWithPattern, type PreviewSource } from '../engine';
import { DocumentStore } from './document-store';
import { readWholeTrace } from './read';
import type { FromWorker, ToWorker } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('analysis-worker.js runs as a worker thread');

const store = new DocumentStore();
let queue: Promise<void> = Promise.resolve();
/** The lines patterns are tried on, split once per text being taught from: dropped when that text changes or goes. */
let taught: { uri: string; source: PreviewSource } | undefined;

function forgetTaught(uri: string): void {
  if (taught?.uri === uri) taught = undefined;
}

function post(message: FromWorker): void {
  port!.postMessage(message);
}

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'set':
      forgetTaught(message.uri);
      store.set(message.uri, message.version, message.text);
      return;
    case 'load':
      forgetTaught(message.uri);
      try {
        store.set(message.uri, message.version, await readWholeTrace(message.path));
      } catch {
        store.close(message.uri); // the next analysis request hears it is missing, and the host sends the text
      }
      return;
    case 'edit':
      forgetTaught(message.uri);
      store.edit(message.uri, message.from, message.version, message.changes);
      return;
    case 'close':
      forgetTaught(message.uri);
      store.close(message.uri);
      return;
    case 'end-patterns':
      forgetTaught(message.uri);
      return;
    case 'analyze': {
      const held = store.get(message.uri);
      if (!held) {
        post({ type: 'missing', id: message.id, uri: message.uri });
        return;
      }
      const start = performance.now();
      try {
        const result = analyze(held.text, message.options);
        post({ type: 'result', id: message.id, uri: message.uri, version: held.version, length: held.text.length, ms: performance.now() - start, result });
      } catch (error) {
        post({ type: 'failed', id: message.id, uri: message.uri, message: error instanceof Error ? error.message : String(error) });
      }
      return;
    }
    case 'pattern': {
      const held = store.get(message.uri);
      if (!held) {
        post({ type: 'missing', id: message.id, uri: message.uri });
        return;
      }
      try {
        if (taught?.uri !== message.uri) taught = { uri: message.uri, source: previewSource(held.text) };
        post({ type: 'pattern', id: message.id, uri: message.uri, reading: readWithPattern(message.spec, taught.source, message.fileName) });
      } catch (error) {
        post({ type: 'failed', id: message.id, uri: message.uri, message: error instanceof Error ? error.message : String(error) });
      }
      return;
    }
  }
}

port.on('message', (message: ToWorker) => {
  queue = queue.then(() => handle(message));
});
