import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeMapExtras } from '../../../src/bots/console/extras.ts';
import type { View } from '../../../src/core/view.ts';

const view: View = {
  kind: 'location',
  title: 'Kenscoff: what happened',
  sections: [],
  map: { kind: 'map', center: { lat: 18.448, lon: -72.284, label: 'Kenscoff' }, marks: [] },
};

describe('--map out.png', () => {
  it('writes the answer’s map as a PNG file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sitrep-map-')), 'out.png');
    expect(await writeMapExtras(view, { map: file })).toEqual([`Map written to ${file}.`]);
    expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
  });

  it('says so when the file cannot be written or the answer has no map', async () => {
    const [line] = await writeMapExtras(view, { map: '/nonexistent-dir/out.png' });
    expect(line).toMatch(/^--map: cannot write \/nonexistent-dir\/out.png/);
    expect(await writeMapExtras({ ...view, map: undefined }, { map: 'x.png' })).toEqual([
      '--map: this answer has no map.',
    ]);
    expect(await writeMapExtras(view, {})).toEqual([]);
  });

  it('says it in the answer’s language', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sitrep-map-')), 'kat.png');
    expect(await writeMapExtras({ ...view, language: 'ht' }, { map: file })).toEqual([`Kat la ekri nan ${file}.`]);
    expect(await writeMapExtras({ ...view, language: 'fr', map: undefined }, { map: 'x.png' })).toEqual([
      '--map : cette réponse n’a pas de carte.',
    ]);
  });
});
