/**
 * A View's map as a PNG: Haiti's outline (Natural Earth 1:10m from world-atlas, cut out by
 * build-outline.ts), the place, a radius ring, the events as marks sized by casualties, a scale
 * bar and a legend. Rendered offline with d3-geo (projection) and resvg, with the DejaVu fonts of
 * the dejavu-fonts-ttf package only, so every machine draws the same pixels. world-atlas has no
 * department boundaries, so none are drawn.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Resvg, renderAsync } from '@resvg/resvg-js';
import { type GeoProjection, geoCircle, geoMercator, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { messagesFor } from '../../core/i18n/messages.ts';
import type { MapMark, ViewMap } from '../../core/view.ts';
import { assetPath } from '../../paths.ts';
import { contextLabels } from './context-labels.ts';

export interface MapOptions {
  width?: number;
  height?: number;
}

export const MAP_COLORS = {
  sea: '#dcebf5',
  haiti: '#f4f1e8',
  neighbour: '#e3e1dc',
  border: '#6b6b6b',
  mark: '#c8102e',
  markNoCasualty: '#f28e2b',
  place: '#1f4e9c',
  text: '#222222',
} as const;

const require = createRequire(import.meta.url);
const FONT_DIR = require.resolve('dejavu-fonts-ttf/package.json').replace(/package\.json$/, 'ttf/');
const FONT_FILES = [`${FONT_DIR}DejaVuSans.ttf`, `${FONT_DIR}DejaVuSans-Bold.ttf`];
const HAITI_ID = '332';
const DOMINICAN_REPUBLIC_ID = '214';
/** Marks farther than this from the place are left off the map (a meeting in New York). */
const MAX_MARK_KM = 400;

let countries: { haiti: Feature<Geometry>; neighbour: Feature<Geometry> } | undefined;
function outlines() {
  if (!countries) {
    const file = assetPath('bots/map/outline.json');
    const all = JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection<Geometry>;
    const find = (id: string) => {
      const found = all.features.find((f) => String(f.id) === id);
      if (!found) throw new Error(`outline.json: country ${id} not found`);
      return found;
    };
    countries = { haiti: find(HAITI_ID), neighbour: find(DOMINICAN_REPUBLIC_ID) };
  }
  return countries;
}

const KM_PER_DEGREE = 111.32;

function kmBetween(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = (a.lat - b.lat) * KM_PER_DEGREE;
  const dLon = (a.lon - b.lon) * KM_PER_DEGREE * Math.cos((a.lat * Math.PI) / 180);
  return Math.hypot(dLat, dLon);
}

/** The marks drawn: those near the place (the rest are counted in the legend). */
export function marksOnMap(map: ViewMap): MapMark[] {
  return map.marks.filter((m) => kmBetween(map.center, m) <= MAX_MARK_KM);
}

/** The projection the map is drawn with: the place, its radius and its marks, at least 30 km across. */
export function mapProjection(map: ViewMap, options: MapOptions = {}): GeoProjection {
  const { width, height } = size(options);
  const marks = marksOnMap(map);
  const halfKm = Math.max(15, (map.radiusKm ?? 0) * 1.2, ...marks.map((m) => kmBetween(map.center, m) * 1.15));
  const dLat = halfKm / KM_PER_DEGREE;
  const dLon = halfKm / (KM_PER_DEGREE * Math.cos((map.center.lat * Math.PI) / 180));
  const { lat, lon } = map.center;
  const box: Feature<Geometry> = {
    type: 'Feature',
    properties: {},
    geometry: {
      type: 'MultiPoint',
      coordinates: [
        [lon - dLon, lat - dLat],
        [lon + dLon, lat + dLat],
      ],
    },
  };
  return geoMercator().fitExtent(
    [
      [20, 50],
      [width - 20, height - 90],
    ],
    box,
  );
}

function size(options: MapOptions) {
  return { width: options.width ?? 800, height: options.height ?? 600 };
}

const escapeXml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

/** Radius in pixels of a mark: grows with the square root of its casualties. */
export function markRadius(weight: number): number {
  return Math.min(22, 5 + 3 * Math.sqrt(Math.max(0, weight)));
}

/** A round length for the scale bar, about a quarter of the map's width. */
function scaleBar(projection: GeoProjection, map: ViewMap, width: number) {
  const a = projection([map.center.lon, map.center.lat]) ?? [0, 0];
  const b = projection([
    map.center.lon + 1 / (KM_PER_DEGREE * Math.cos((map.center.lat * Math.PI) / 180)),
    map.center.lat,
  ]) ?? [1, 0];
  const pxPerKm = Math.abs(b[0] - a[0]);
  const target = width / 4 / pxPerKm;
  const steps = [0.5, 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500];
  const km = steps.filter((s) => s <= target).at(-1) ?? steps[0] ?? 1;
  return { km, px: km * pxPerKm };
}

export function renderMapSvg(map: ViewMap, options: MapOptions = {}): string {
  const { width, height } = size(options);
  const m = messagesFor(map.language ?? 'en');
  const projection = mapProjection(map, options);
  const path = geoPath(projection);
  const { haiti, neighbour } = outlines();
  const marks = marksOnMap(map);
  const off = map.marks.length - marks.length;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans">`,
  );
  out.push(`<rect width="${width}" height="${height}" fill="${MAP_COLORS.sea}"/>`);
  out.push(
    `<path d="${path(neighbour) ?? ''}" fill="${MAP_COLORS.neighbour}" stroke="${MAP_COLORS.border}" stroke-width="0.8"/>`,
  );
  out.push(
    `<path d="${path(haiti) ?? ''}" fill="${MAP_COLORS.haiti}" stroke="${MAP_COLORS.border}" stroke-width="1.2"/>`,
  );
  const [cx, cy] = projection([map.center.lon, map.center.lat]) ?? [width / 2, height / 2];
  const bar = scaleBar(projection, map, width);
  const widthKm = (width * bar.km) / bar.px;
  for (const label of contextLabels(projection, { width, top: 36, bottom: height - 78 }, [[cx + 40, cy]], widthKm)) {
    const size = label.kind === 'department' ? 14 : 11;
    out.push(`<circle cx="${label.x.toFixed(1)}" cy="${label.y.toFixed(1)}" r="2" fill="#8a8a8a"/>`);
    out.push(
      `<text x="${(label.x + 5).toFixed(1)}" y="${(label.y - 4).toFixed(1)}" font-size="${size}" fill="#6f6f6f">${escapeXml(label.text)}</text>`,
    );
  }
  if (map.radiusKm) {
    const ring = geoCircle()
      .center([map.center.lon, map.center.lat])
      .radius(map.radiusKm / KM_PER_DEGREE)();
    out.push(
      `<path d="${path(ring) ?? ''}" fill="none" stroke="${MAP_COLORS.place}" stroke-width="1.5" stroke-dasharray="6 4"/>`,
    );
  }
  // Biggest first, so small marks stay visible on top.
  for (const mark of [...marks].sort((a, b) => b.weight - a.weight)) {
    const [x, y] = projection([mark.lon, mark.lat]) ?? [Number.NaN, Number.NaN];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const fill = mark.weight > 0 ? MAP_COLORS.mark : MAP_COLORS.markNoCasualty;
    out.push(
      `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${markRadius(mark.weight).toFixed(1)}" fill="${fill}" stroke="#ffffff" stroke-width="1.5"><title>${escapeXml(mark.label)}</title></circle>`,
    );
  }
  out.push(
    `<path d="M${cx} ${cy - 8} L${cx + 8} ${cy} L${cx} ${cy + 8} L${cx - 8} ${cy} Z" fill="${MAP_COLORS.place}" stroke="#ffffff" stroke-width="1.5"/>`,
  );
  out.push(
    `<text x="${cx + 12}" y="${cy - 10}" font-size="15" font-weight="bold" fill="${MAP_COLORS.text}" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(map.center.label)}</text>`,
  );
  // Title band.
  out.push(`<rect width="${width}" height="36" fill="#ffffff" fill-opacity="0.85"/>`);
  out.push(
    `<text x="14" y="24" font-size="17" font-weight="bold" fill="${MAP_COLORS.text}">${escapeXml(map.title ?? m.t('map.title', { place: map.center.label, km: map.radiusKm ? m.number(map.radiusKm) : 'none' }))}</text>`,
  );
  // Legend and scale bar along the bottom.
  const top = height - 78;
  out.push(`<rect x="0" y="${top}" width="${width}" height="78" fill="#ffffff" fill-opacity="0.9"/>`);
  const legend: Array<[string, string]> = [
    [`<circle cx="24" cy="${top + 20}" r="7" fill="${MAP_COLORS.mark}"/>`, m.t('map.legend-casualties')],
    [`<circle cx="24" cy="${top + 42}" r="5" fill="${MAP_COLORS.markNoCasualty}"/>`, m.t('map.legend-no-casualties')],
    [
      `<path d="M24 ${top + 56} L31 ${top + 63} L24 ${top + 70} L17 ${top + 63} Z" fill="${MAP_COLORS.place}"/>`,
      m.t('map.legend-place', { km: map.radiusKm ? m.number(map.radiusKm) : 'none' }),
    ],
  ];
  legend.forEach(([symbol, text], i) => {
    out.push(symbol);
    out.push(
      `<text x="40" y="${top + 25 + i * 21}" font-size="13" fill="${MAP_COLORS.text}">${escapeXml(text)}</text>`,
    );
  });
  const counts = m.t('map.counts', { count: marks.length, off });
  out.push(
    `<text x="${width - 14}" y="${top + 25}" font-size="13" text-anchor="end" fill="${MAP_COLORS.text}">${counts}</text>`,
  );
  const barX = width - 14 - bar.px;
  out.push(
    `<rect x="${barX.toFixed(1)}" y="${top + 38}" width="${bar.px.toFixed(1)}" height="6" fill="${MAP_COLORS.text}"/>`,
  );
  out.push(
    `<text x="${width - 14}" y="${top + 62}" font-size="12" text-anchor="end" fill="${MAP_COLORS.text}">${escapeXml(m.t('map.km', { km: m.number(bar.km, Number.isInteger(bar.km) ? 0 : 1) }))}</text>`,
  );
  out.push(
    `<text x="${width - 14}" y="${top + 75}" font-size="10" text-anchor="end" fill="#555555">${escapeXml(m.t('map.credits'))}</text>`,
  );
  out.push('</svg>');
  return out.join('\n');
}

export interface RenderedMap {
  png: Buffer;
  /** RGBA, row by row. */
  pixels: Buffer;
  width: number;
  height: number;
}

const RESVG_OPTIONS = {
  font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: 'DejaVu Sans' },
  background: MAP_COLORS.sea,
};

export function renderMap(map: ViewMap, options: MapOptions = {}): RenderedMap {
  const image = new Resvg(renderMapSvg(map, options), RESVG_OPTIONS).render();
  return { png: image.asPng(), pixels: image.pixels, width: image.width, height: image.height };
}

/**
 * The map as PNG bytes: attach it as a file (Discord) or upload it (Slack). Drawn on a worker
 * thread (renderAsync), so a 0.2-0.5 s draw never holds up other users' acknowledgements.
 */
export async function renderMapPng(map: ViewMap, options: MapOptions = {}): Promise<Buffer> {
  const image = await renderAsync(renderMapSvg(map, options), RESVG_OPTIONS);
  return image.asPng();
}
