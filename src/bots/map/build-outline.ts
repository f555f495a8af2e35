/**
 * Writes outline.json: Haiti's and the Dominican Republic's outlines from world-atlas
 * (Natural Earth 1:10m), so a map need not parse the whole world (3.7 MB) to draw one island.
 * Run: `npx tsx src/bots/map/build-outline.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** ISO 3166 numeric codes: Haiti, Dominican Republic. */
export const OUTLINE_IDS = ['332', '214'];

export function buildOutline(topology: Topology): FeatureCollection<Geometry> {
  const countries = topology.objects.countries as GeometryCollection;
  const wanted: GeometryCollection = {
    type: 'GeometryCollection',
    geometries: countries.geometries.filter((g) => OUTLINE_IDS.includes(String(g.id))),
  };
  const collection = feature(topology, wanted) as FeatureCollection<Geometry>;
  if (collection.features.length !== OUTLINE_IDS.length)
    throw new Error('world-atlas: Haiti or its neighbour is missing');
  return collection;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const require = createRequire(import.meta.url);
  const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-10m.json'), 'utf8')) as Topology;
  const round = (_key: string, value: unknown) => (typeof value === 'number' ? Math.round(value * 1e5) / 1e5 : value);
  const file = fileURLToPath(new URL('./outline.json', import.meta.url));
  writeFileSync(
    file,
    `${JSON.stringify({ source: 'Natural Earth 1:10m via world-atlas 2 (countries-10m.json)', ...buildOutline(topology) }, round)}\n`,
  );
  console.log(`${file} written`);
}
