/** The engine's diagram functions: the webview draws with the same code as the CLI. */
export { episodeDiagram, referenceDiagram } from '../engine/diagram/mermaid';
export type { EpisodeDiagram } from '../engine/diagram/mermaid';
export type { SequenceId as SequenceIdLike } from '../engine/catalog/sequences';
