/**
 * Output flags of the CLI that write files (`--map out.png`).
 */
import type { View } from '../../core/view.ts';

export async function writeMapExtras(view: View, extras: Record<string, string>): Promise<string[]> {
  if (extras.map === undefined) return [];
  return [
    `--map: maps are not available in this build (${view.map ? 'the answer has a map' : 'the answer has no map'}).`,
  ];
}
