/** The webview's handle on VS Code (a stand-in in the browser tests). */
import type { FromWebview, PreviewState } from '../preview/protocol';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): PreviewState | undefined;
  setState(state: PreviewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export const vscode: VsCodeApi = acquireVsCodeApi();
