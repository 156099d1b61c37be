/** getConfig as Mermaid 11 writes it in its ESM build (the text the build replaces). */
export const ORIGINAL: string;
/** The file of Mermaid's ESM build that defines getConfig. */
export function configChunk(): string;
/** The esbuild plugin that points the preview's Mermaid at src/webview/mermaid-config-copy.ts. */
export function mermaidConfigPatch(): import('esbuild').Plugin;
