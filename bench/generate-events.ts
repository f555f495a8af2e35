/**
 * Synthetic events for benchmarks: N events over ten years (2016-2025), seeded and repeatable,
 * spread over the gazetteer's places (most in Ouest and the Artibonite), with categories,
 * actors, casualties, a few disputed and retracted reports, and second revisions. Events come
 * out in time order, so a bulk writer appends to each index range instead of scattering.
 */
import { Gazetteer } from '../src/core/places.ts';
import type { Casualty, CasualtyGroup, Claim, Confidence, Event, EventCategory, Place } from '../src/core/schemas.ts';

/** Bump when the output changes, so cached databases under bench/out are rebuilt. */
export const GENERATOR_VERSION = 2;

export interface GeneratedRevision {
  event: Event;
  /** When the revision is recorded (meta.at of putEvent). */
  at: string;
  reason: string;
}

/** One event: its first revision and, for some, a later one. */
export type GeneratedEvent = GeneratedRevision[];

/** The day with extra events (a mass-casualty day), so a digest has a busy day to read. */
export const BUSY_DAY = '2025-03-25';

const START_DAY = Date.UTC(2016, 0, 1) / 86_400_000;
const DAYS = 3653;

/** mulberry32: small, fast and repeatable. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Weighted<T> = ReadonlyArray<readonly [T, number]>;

function picker<T>(items: Weighted<T>): (r: number) => T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let running = 0;
  const cumulative = items.map(([, weight]) => {
    running += weight;
    return running / total;
  });
  return (r) => {
    for (let i = 0; i < cumulative.length; i++) if (r < (cumulative[i] as number)) return (items[i] as [T, number])[0];
    return (items[items.length - 1] as [T, number])[0];
  };
}

const pickCategory = picker<EventCategory>([
  ['clash', 25],
  ['attack', 25],
  ['kidnapping', 12],
  ['protest', 8],
  ['humanitarian', 7],
  ['political', 6],
  ['statement', 6],
  ['deployment', 4],
  ['assassination', 2],
  ['agreement', 1],
  ['other', 4],
]);
const VIOLENT = new Set<EventCategory>(['clash', 'attack', 'kidnapping', 'assassination']);
const pickGroup = picker<CasualtyGroup>([
  ['civilian', 45],
  ['gang', 30],
  ['police', 15],
  ['mss', 3],
  ['military', 2],
  ['other', 5],
]);
const pickKind = picker<Casualty['kind']>([
  ['killed', 45],
  ['injured', 35],
  ['missing', 10],
  ['captured', 10],
]);
const pickQualifier = picker<Casualty['qualifier']>([
  ['exact', 60],
  ['at-least', 20],
  ['about', 10],
  ['unknown', 10],
]);
const PUBLISHERS = ['ACLED', 'Le Nouvelliste', 'AP', 'Reuters', 'Ayibopost', 'RNDDH', 'OCHA', 'Haiti Libre'];
const ACTOR_ODDS: ReadonlyArray<[string, number]> = [
  ['gangs', 0.7],
  ['hnp', 0.35],
  ['civilians', 0.3],
  ['mss', 0.06],
  ['mss-kenya', 0.04],
  ['gov-haiti', 0.05],
  ['un', 0.02],
];

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const dayString = (day: number) => new Date((START_DAY + day) * 86_400_000).toISOString().slice(0, 10);

/** Places events happen at, grouped by department, with a weight per department. */
function placeTable(places: readonly Place[]): { pick: (r1: number, r2: number) => Place } {
  const gazetteer = new Gazetteer([...places]);
  const eventKinds = new Set(['commune', 'locality', 'neighbourhood', 'section', 'site', 'department']);
  const byDepartment = new Map<string, Place[]>();
  for (const place of places) {
    if (!eventKinds.has(place.kind)) continue;
    const department = gazetteer.departmentOf(place.id);
    if (!department) continue;
    const list = byDepartment.get(department.id) ?? [];
    list.push(place);
    byDepartment.set(department.id, list);
  }
  const weights: Record<string, number> = { ouest: 45, artibonite: 22 };
  const departments = [...byDepartment.keys()].sort();
  const pickDepartment = picker(departments.map((id) => [id, weights[id] ?? 4] as const));
  return {
    pick(r1, r2) {
      const list = byDepartment.get(pickDepartment(r1)) as Place[];
      return list[Math.floor(r2 * list.length)] as Place;
    },
  };
}

const geoPrecisionOf = (place: Place): Event['place']['geoPrecision'] =>
  place.kind === 'department' ? 'department' : place.kind === 'commune' ? 'commune' : 'locality';

/**
 * The events, oldest first (by day), each with its revisions. `places` is the gazetteer the
 * store is built with; ids are "bench-<seq>" and never clash with the seed's.
 */
export function* generateEvents(n: number, places: readonly Place[], seed = 1): Generator<GeneratedEvent> {
  const random = createRandom(seed);
  const table = placeTable(places);
  const busy = Math.floor(n / 1000);
  // Days, weighted toward recent years (the crisis deepens), plus the busy day; sorted.
  const days = new Int32Array(n);
  const busyDay = (Date.UTC(2025, 2, 25) / 86_400_000 - START_DAY) | 0;
  for (let i = 0; i < n; i++) days[i] = i < busy ? busyDay : Math.floor(DAYS * Math.sqrt(random()));
  days.sort();
  for (let i = 0; i < n; i++) yield makeEvent(i, days[i] as number, random, table.pick);
}

function makeEvent(
  seq: number,
  day: number,
  random: () => number,
  pickPlace: (r1: number, r2: number) => Place,
): GeneratedEvent {
  const id = `bench-${pad(seq, 7)}`;
  const date = dayString(day);
  const place = pickPlace(random(), random());
  const category = pickCategory(random());
  const precision = random();
  const hour = Math.floor(random() * 24);
  const occurredAt =
    precision < 0.25
      ? `${date}T${pad(hour, 2)}:${pad(Math.floor(random() * 60), 2)}:00-05:00`
      : precision < 0.92
        ? date
        : precision < 0.98
          ? date.slice(0, 7)
          : date.slice(0, 4);
  const timePrecision = precision < 0.25 ? 'datetime' : precision < 0.92 ? 'day' : precision < 0.98 ? 'month' : 'year';
  const reportedMs = Date.parse(`${date}T12:00:00Z`) + Math.floor(random() * 3 * 86_400_000);
  const reportedAt = new Date(reportedMs).toISOString().replace('.000Z', 'Z');
  const actors = ACTOR_ODDS.filter(([, odds]) => random() < odds).map(([actor]) => actor);
  const casualties: Casualty[] = [];
  if (VIOLENT.has(category) || random() < 0.1) {
    const count = Math.floor(random() * 4);
    for (let i = 0; i < count; i++) {
      const qualifier = pickQualifier(random());
      casualties.push({
        group: pickGroup(random()),
        kind: pickKind(random()),
        count: qualifier === 'unknown' ? null : Math.floor(random() * random() * 30),
        qualifier,
      });
    }
  }
  const publisher = PUBLISHERS[Math.floor(random() * PUBLISHERS.length)] as string;
  const sources: Event['sources'] = [
    { publisher, title: `${category} in ${place.name}`, url: `https://news.example.org/ht/${id}`, date },
  ];
  if (random() < 0.3) sources.push({ publisher: 'ACLED', date });
  const c = random();
  let confidence: Confidence = c < 0.55 ? 'confirmed' : c < 0.97 ? 'reported' : 'disputed';
  const claims: Claim[] = [];
  if (confidence === 'disputed') {
    const other = pickPlace(random(), random());
    claims.push({
      field: 'place',
      value: other.name,
      source: { publisher: PUBLISHERS[(PUBLISHERS.indexOf(publisher) + 1) % PUBLISHERS.length] as string },
      standing: 'contested',
      placeId: other.id,
    });
  }
  const killed = casualties.filter((x) => x.kind === 'killed').reduce((s, x) => s + (x.count ?? 0), 0);
  const event: Event = {
    id,
    occurredAt,
    timePrecision,
    reportedAt,
    place: {
      placeId: place.id,
      text: `${place.name}, Haiti`,
      ...(random() < 0.3 ? { lat: place.lat + (random() - 0.5) * 0.04, lon: place.lon + (random() - 0.5) * 0.04 } : {}),
      geoPrecision: geoPrecisionOf(place),
    },
    category,
    actors,
    casualties,
    summary: `${category[0]?.toUpperCase()}${category.slice(1)} reported in ${place.name}${killed ? `; ${killed} killed` : ''}.`,
    ...(random() < 0.2 ? { details: `Residents described ${category} near ${place.name} on ${date}. `.repeat(3) } : {}),
    sources,
    confidence,
    claims,
  };
  const firstAt = new Date(reportedMs + Math.floor(random() * 6 * 3600_000)).toISOString();
  const revisions: GeneratedEvent = [{ event, at: firstAt, reason: 'bench import' }];
  const r = random();
  if (r < 0.06) {
    // A later revision: a retraction, a confirmation, or a corrected toll.
    const at = new Date(Date.parse(firstAt) + Math.floor((1 + random() * 9) * 86_400_000)).toISOString();
    if (r < 0.015) confidence = 'retracted';
    else if (confidence === 'reported') confidence = 'confirmed';
    const corrected = casualties.map((x) => (x.count === null ? x : { ...x, count: x.count + 1 }));
    const reason = confidence === 'retracted' ? 'the source withdrew its report' : 'corrected by a later report';
    revisions.push({
      event: { ...event, confidence, casualties: corrected, summary: `${event.summary} (updated)` },
      at,
      reason,
    });
  }
  return revisions;
}
