/**
 * The preview's page: the toolbar, the status line, the diagram's viewport and the
 * checklist. Built once; the other modules fill it.
 */
import { el } from './dom';
import { appRoot } from './state';

export const toolbar = el('div', { class: 'toolbar', role: 'toolbar' });
export const filter = el('input', {
  id: 'episode-filter',
  type: 'search',
  placeholder: 'Filter episodes…',
  'aria-label': 'Filter episodes',
  spellcheck: 'false',
}) as HTMLInputElement;
export const picker = el('select', { id: 'episode-picker', 'aria-label': 'Episode' }) as HTMLSelectElement;
export const searchEpisodes = el(
  'vscode-button',
  { id: 'search-episodes', appearance: 'secondary', title: 'Go to Episode: search every episode by VF, step, time or line' },
  'Search…',
);
export const problemsOnly = el('vscode-checkbox', { id: 'only-problems' }, 'Only with problems');
export const prev = el('vscode-button', { id: 'prev-episode', appearance: 'icon', title: 'Previous episode (Alt+Up)', 'aria-label': 'Previous episode' }, '▲');
export const next = el('vscode-button', { id: 'next-episode', appearance: 'icon', title: 'Next episode (Alt+Down)', 'aria-label': 'Next episode' }, '▼');
export const prevProblem = el('vscode-button', { id: 'prev-problem', appearance: 'secondary', title: 'Previous problem (Shift+F8)' }, '‹ Problem');
export const nextProblem = el('vscode-button', { id: 'next-problem', appearance: 'secondary', title: 'Next problem (F8)' }, 'Problem ›');
export const zoomOut = el('vscode-button', { id: 'zoom-out', appearance: 'icon', title: 'Zoom out (Ctrl+wheel)', 'aria-label': 'Zoom out' }, '−');
export const zoomIn = el('vscode-button', { id: 'zoom-in', appearance: 'icon', title: 'Zoom in (Ctrl+wheel)', 'aria-label': 'Zoom in' }, '+');
export const zoomFit = el('vscode-button', { id: 'zoom-fit', appearance: 'secondary', title: 'Fit to width (never above 100 %)' }, 'Fit');
export const zoomReset = el('vscode-button', { id: 'zoom-reset', appearance: 'secondary', title: 'Actual size' }, '100%');
export const reference = el(
  'vscode-checkbox',
  { id: 'show-reference', title: 'Draw the steps the documented order expects where they should have come' },
  'Documented order',
);
export const times = el('vscode-checkbox', { id: 'show-times', title: 'Start each message with its time of day' }, 'Times');
export const pager = el('span', { class: 'pager', hidden: '' });
export const pagePrev = el('vscode-button', { id: 'page-prev', appearance: 'secondary' }, '‹ Page');
export const pageLabel = el('span', { class: 'page-label' });
export const pageNext = el('vscode-button', { id: 'page-next', appearance: 'secondary' }, 'Page ›');
pager.append(pagePrev, pageLabel, pageNext);
export const lockBadge = el('vscode-badge', { id: 'lock-badge', hidden: '' }, 'locked');

const episodeGroup = el('span', { class: 'group episodes' });
episodeGroup.append(filter, picker, searchEpisodes, prev, next, problemsOnly);
const problemGroup = el('span', { class: 'group' });
problemGroup.append(prevProblem, nextProblem);
const zoomGroup = el('span', { class: 'group' });
zoomGroup.append(zoomOut, zoomIn, zoomFit, zoomReset, reference, times);
toolbar.append(episodeGroup, problemGroup, zoomGroup, pager, lockBadge);

export const body = el('div', { class: 'body' });
export const viewport = el('div', { class: 'viewport', id: 'viewport', tabindex: '0' });
export const canvas = el('div', { class: 'canvas', id: 'diagram' });
/** The participants' names, pinned over their lifelines while the drawn row is scrolled away. */
export const participantHeader = el('div', { class: 'participant-header', id: 'participant-header', 'aria-hidden': 'true', hidden: '' });
viewport.append(participantHeader, canvas);
export const side = el('details', { class: 'side', id: 'checklist-panel', open: '' }) as HTMLDetailsElement;
export const checklistTitle = el('summary', { id: 'checklist-title' }, 'Documented order');
export const checklist = el('table', { id: 'checklist', 'aria-label': 'Documented order checklist' }) as HTMLTableElement;
side.append(checklistTitle, checklist);
body.append(viewport, side);
export const status = el('div', { class: 'status', id: 'status', role: 'status' });
appRoot.append(toolbar, status, body);

export function showStatus(message: string, isError = false): void {
  status.textContent = message;
  status.classList.toggle('error', isError);
}
