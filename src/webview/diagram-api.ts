/** The engine's diagram functions: the webview draws with the same code as the CLI. */
export { episodeDiagram, problemPages, timeOfDay } from '../engine/diagram/mermaid';
export type { DiagramElement, EpisodeDiagram } from '../engine/diagram/mermaid';
