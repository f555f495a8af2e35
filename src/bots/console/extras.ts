/**
 * Output flags of the CLI that write files (`--map out.png`).
 */
import { writeFile } from 'node:fs/promises';
import type { View } from '../../core/view.ts';
import { renderMapPng } from '../map/render-map.ts';

export async function writeMapExtras(view: View, extras: Record<string, string>): Promise<string[]> {
  const file = extras.map;
  if (file === undefined) return [];
  if (!file || file === 'true') return ['--map needs a file name, like --map out.png.'];
  if (!view.map) return ['--map: this answer has no map.'];
  try {
    await writeFile(file, await renderMapPng(view.map));
  } catch (err) {
    return [`--map: cannot write ${file} (${(err as Error).message}).`];
  }
  return [`Map written to ${file}.`];
}
