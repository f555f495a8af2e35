import { describe, expect, it } from 'vitest';
import {
  MAP_COLORS,
  mapProjection,
  markRadius,
  renderMap,
  renderMapPng,
  renderMapSvg,
} from '../../../src/bots/map/render-map.ts';
import { catalogues } from '../../../src/core/i18n/catalogue.ts';
import type { ViewMap } from '../../../src/core/view.ts';

const map: ViewMap = {
  kind: 'map',
  center: { lat: 19.15, lon: -72.62, label: 'Pont-Sondé' },
  radiusKm: 10,
  marks: [
    { lat: 19.2, lon: -72.52, label: 'ambush on the supply route', weight: 4 },
    { lat: 19.08, lon: -72.7, label: 'operation near Saint-Marc', weight: 1 },
    { lat: 19.22, lon: -72.72, label: 'a statement <b> & "quotes"', weight: 0 },
    { lat: 40.71, lon: -74.0, label: 'UN vote in New York', weight: 0 },
  ],
};

function hex(color: string): [number, number, number] {
  return [1, 3, 5].map((i) => Number.parseInt(color.slice(i, i + 2), 16)) as [number, number, number];
}

describe('renderMap', () => {
  const rendered = renderMap(map);
  const projection = mapProjection(map);
  const pixel = (x: number, y: number) => {
    const i = (Math.round(y) * rendered.width + Math.round(x)) * 4;
    return [rendered.pixels[i], rendered.pixels[i + 1], rendered.pixels[i + 2]];
  };

  it('is a PNG of the asked size', async () => {
    const png = await renderMapPng(map, { width: 640, height: 480 });
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(640);
    expect(png.readUInt32BE(20)).toBe(480);
    expect([rendered.width, rendered.height]).toEqual([800, 600]);
  });

  it('draws each nearby mark at its projected point, in its colour', () => {
    for (const mark of map.marks.slice(0, 3)) {
      const [x, y] = projection([mark.lon, mark.lat]) ?? [-1, -1];
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(rendered.width);
      const expected = mark.weight > 0 ? MAP_COLORS.mark : MAP_COLORS.markNoCasualty;
      expect(pixel(x, y), mark.label).toEqual(hex(expected));
    }
    const [cx, cy] = projection([map.center.lon, map.center.lat]) ?? [-1, -1];
    expect(pixel(cx, cy)).toEqual(hex(MAP_COLORS.place));
  });

  it('draws Haiti and the sea where they are', () => {
    // Inland, east of Pont-Sondé, and in the Gulf of la Gonâve to the west.
    const [lx, ly] = projection([-72.5, 19.12]) ?? [-1, -1];
    expect(pixel(lx, ly)).toEqual(hex(MAP_COLORS.haiti));
    const [sx, sy] = projection([-72.85, 19.1]) ?? [-1, -1];
    expect(pixel(sx, sy)).toEqual(hex(MAP_COLORS.sea));
  });

  it('sizes marks by casualties and leaves far-away marks off the map, saying so', () => {
    expect(markRadius(4)).toBeGreaterThan(markRadius(1));
    expect(markRadius(1)).toBeGreaterThan(markRadius(0));
    expect(markRadius(10_000)).toBe(22);
    const svg = renderMapSvg(map);
    expect(svg).toContain('3 events on the map, 1 elsewhere not shown');
    expect(svg).not.toContain('New York');
  });

  it('names the communes around a close place, and the departments on a map of the country', () => {
    const close = renderMapSvg(map);
    expect(close).toContain('>Saint-Marc</text>');
    expect(close).not.toContain('>Ouest</text>');
    const country = renderMapSvg({
      kind: 'map',
      center: { lat: 19.28, lon: -72.45, label: 'Artibonite' },
      marks: [{ lat: 18.23, lon: -72.53, label: 'Jacmel', weight: 1 }],
    });
    expect(country).toContain('>Ouest</text>');
    expect(country).not.toContain('>Saint-Marc</text>');
  });

  it('escapes labels and carries a scale bar and a legend', () => {
    const svg = renderMapSvg(map);
    expect(svg).toContain('a statement &lt;b&gt; &amp; &quot;quotes&quot;');
    expect(svg).toMatch(/>\d+(\.\d+)? km<\/text>/);
    expect(svg).toContain('event with casualties (size: number reported)');
  });

  it('writes its title, legend, counts and credits in the map language, no English left', () => {
    const english = Object.entries(catalogues.en)
      .filter(([key]) => key.startsWith('map.'))
      .flatMap(([, message]) => message.split(/[{}#]/))
      .map((piece) => piece.trim())
      .filter((piece) => /\p{L}{3,} \p{L}{3,}/u.test(piece));
    expect(english.length).toBeGreaterThan(4);
    const fr = renderMapSvg({ ...map, language: 'fr' });
    expect(fr).toContain('Pont-Sondé et 10 km alentour');
    expect(fr).toContain('3 événements sur la carte, 1 ailleurs non affiché');
    const ht = renderMapSvg({ ...map, language: 'ht', title: 'Ayiti : rapòte depi 25 mas jiska 27 mas' });
    expect(ht).toContain('>Ayiti : rapòte depi 25 mas jiska 27 mas</text>');
    expect(ht).toContain('evènman san viktim');
    for (const svg of [fr, ht]) expect(english.filter((phrase) => svg.includes(phrase))).toEqual([]);
  });
});
