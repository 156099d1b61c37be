/**
 * "Go to Episode…": a Quick Pick over every episode of the trace a preview shows, each
 * under its full label (title, time range, first line, problems), so typing any of
 * them finds it among thousands. Picking one shows it in the preview.
 */
import * as vscode from 'vscode';
import { episodeLabel } from './episode-label';
import type { EpisodeSummary } from './protocol';

export interface EpisodeSearchTarget {
  /** Every episode of the trace, in trace order. */
  episodes(): EpisodeSummary[] | undefined;
  /** The episode shown now. */
  readonly currentEpisode: number | undefined;
  selectEpisode(index: number): void;
}

interface EpisodeItem extends vscode.QuickPickItem {
  index: number;
}

export async function searchEpisodes(target: EpisodeSearchTarget): Promise<void> {
  const episodes = target.episodes();
  if (!episodes || episodes.length === 0) {
    await vscode.window.showInformationMessage('OID Trace: this trace has no episodes to go to.');
    return;
  }
  const items: EpisodeItem[] = episodes.map((e) => ({ label: episodeLabel(e), index: e.index }));
  const pick = vscode.window.createQuickPick<EpisodeItem>();
  pick.title = 'Go to Episode';
  pick.placeholder = `Type to search ${episodes.length === 1 ? '1 episode' : `${episodes.length.toLocaleString('en')} episodes`}: VF, step, time, line or "problem"`;
  pick.items = items;
  const current = items.find((i) => i.index === target.currentEpisode);
  if (current) pick.activeItems = [current];
  await new Promise<void>((resolve) => {
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
      pick.hide();
      if (chosen) target.selectEpisode(chosen.index);
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve();
    });
    pick.show();
  });
}
