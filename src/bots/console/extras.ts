/**
 * Output flags of the CLI that write files (`--map out.png`).
 */
import { writeFile } from 'node:fs/promises';
import { messagesFor } from '../../core/i18n/messages.ts';
import type { View } from '../../core/view.ts';
import { renderMapPng } from '../map/render-map.ts';

/** What writing the map did, in the answer's language. */
export async function writeMapExtras(view: View, extras: Record<string, string>): Promise<string[]> {
  const m = messagesFor(view.language ?? 'en');
  const file = extras.map;
  if (file === undefined) return [];
  if (!file || file === 'true') return [m.t('cli.map-needs-file')];
  if (!view.map) return [m.t('cli.map-none')];
  try {
    await writeFile(file, await renderMapPng(view.map));
  } catch (err) {
    return [m.t('cli.map-failed', { file, reason: (err as Error).message })];
  }
  return [m.t('cli.map-written', { file })];
}
