/**
 * /location: where a place is, what happened there (and in the places inside it), what happened
 * within a radius, casualty totals and the latest event. Events whose place is disputed show up
 * at every place a source gave, marked as disputed.
 */
import { UserError } from './errors.ts';
import { eventItem, eventPoint, formatNumber, hasCasualties, totalsFields } from './format.ts';
import { isOutsideHaiti, resolvePlaceName } from './place-resolution.ts';
import { distanceKm, normalizeName } from './places.ts';
import type { CasualtyGroup, EventCategory, Place } from './schemas.ts';
import type { Services } from './services.ts';
import type { CasualtyTotals, EventQuery, StoredEvent } from './store-port.ts';
import { dayAfter } from './time.ts';
import type { MapMark, View, ViewField, ViewSection } from './view.ts';

export interface LocationOptions {
  /** Also events within this many km of the place's point. Default: 10 for a town or smaller, 0 above. */
  radiusKm?: number | undefined;
  /** First day (inclusive). */
  from?: string | undefined;
  /** Last day (inclusive). */
  to?: string | undefined;
  /** Only events of these categories ("attacks in Kenscoff"). */
  categories?: EventCategory[] | undefined;
  /** Lines put above the report, e.g. what a question was understood as. */
  preface?: string | undefined;
}

const MAX_RADIUS_KM = 200;
const LISTED = 10;
const POINT_KINDS: ReadonlyArray<Place['kind']> = ['locality', 'neighbourhood', 'section', 'route', 'site'];
const GROUPS: CasualtyGroup[] = ['mss', 'police', 'gang', 'civilian', 'military', 'other'];

export function defaultRadiusKm(place: Place): number {
  return POINT_KINDS.includes(place.kind) ? 10 : 0;
}

function weightOf(s: StoredEvent): number {
  return s.event.casualties.reduce((sum, c) => sum + (c.count ?? 1), 0);
}

export async function locationReport(
  services: Services,
  placeText: string,
  options: LocationOptions,
  _now: Date,
): Promise<View> {
  const { store, gazetteer, settings } = services;
  // The resolver questions use too: a sure misspelling ("Pon Sonde") is read, and said so.
  const resolved = resolvePlaceName(gazetteer, placeText);
  const place = resolved.status === 'found' ? resolved.place : gazetteer.resolve(placeText);
  const preface =
    options.preface ??
    (resolved.status === 'found' && resolved.corrected
      ? `Read "${normalizeName(placeText)}" as ${place.name}.`
      : undefined);
  const radiusKm = options.radiusKm ?? defaultRadiusKm(place);
  if (!Number.isFinite(radiusKm) || radiusKm < 0 || radiusKm > MAX_RADIUS_KM) {
    throw new UserError('radius-range', { max: MAX_RADIUS_KM, got: String(radiusKm) });
  }
  const window: EventQuery = {};
  if (options.from) window.from = options.from;
  if (options.to) window.until = dayAfter(options.to);
  if (options.categories?.length) window.categories = options.categories;

  const inside: EventQuery = { ...window, placeId: place.id };
  const here = await store.listEvents(inside, { limit: LISTED });
  const hereCount = await store.countEvents(inside);
  const totals = await store.casualtyTotals(inside);
  const disputed = await store.casualtyTotals({ ...inside, confidences: ['disputed'] });

  // The neighbourhood: its count and casualty totals (the place included) come from the store's
  // per-square totals; only the latest few events around the place are read.
  let nearby: Array<{ stored: StoredEvent; km: number }> = [];
  let near: { count: number; totals: CasualtyTotals; disputed: CasualtyTotals } | undefined;
  if (radiusKm > 0) {
    const around: EventQuery = { ...window, near: { lat: place.lat, lon: place.lon, km: radiusKm } };
    // The latest events around, less those already listed for the place itself.
    const listed = new Set(here.events.map((s) => s.event.id));
    nearby = (await store.listEvents(around, { limit: 2 * LISTED })).events
      .filter((s) => !listed.has(s.event.id))
      .slice(0, LISTED)
      .flatMap((stored) => {
        const point = eventPoint(stored.event, gazetteer);
        return point ? [{ stored, km: distanceKm(place, point) }] : [];
      });
    near = {
      count: await store.countEvents(around),
      totals: await store.casualtyTotals(around),
      disputed: await store.casualtyTotals({ ...around, confidences: ['disputed'] }),
    };
  }

  const parents = gazetteer.ancestors(place.id).filter((p) => p.kind !== 'country');
  const where: ViewField[] = [
    { label: 'Kind', value: place.kind, inline: true },
    {
      label: 'In',
      value: parents.length
        ? parents.map((p) => p.name).join(', ')
        : isOutsideHaiti(place)
          ? 'Outside Haiti (beyond the gazetteer of Haiti)'
          : 'Haiti',
      inline: true,
    },
    {
      label: 'Point',
      value: `${place.lat.toFixed(3)}, ${place.lon.toFixed(3)} (${place.coordPrecision})`,
      sources: [{ publisher: place.coordSource }],
      inline: true,
    },
  ];
  const all = [...here.events, ...nearby.map((n) => n.stored)].sort((a, b) =>
    a.event.occurredAt < b.event.occurredAt ? 1 : -1,
  );
  const latest = all[0];
  const sections: ViewSection[] = [{ heading: 'Where', fields: where }];
  if (preface) sections.unshift({ heading: 'Understood', fields: [{ label: 'Question', value: preface }] });
  const casualtyFields = (t: CasualtyTotals, d: CasualtyTotals) =>
    hasCasualties(t)
      ? GROUPS.flatMap((g) =>
          totalsFields(t, g, d, undefined, true).map((f) => ({
            ...f,
            label: `${groupName(g)} ${f.label.toLowerCase()}`,
          })),
        )
      : [];
  sections.push({
    heading: radiusKm > 0 ? `Casualties reported in ${place.name}` : 'Casualties reported',
    fields: casualtyFields(totals, disputed),
    empty: 'No casualties reported here.',
  });
  if (near) {
    sections.push({
      heading: `Casualties reported within about ${formatNumber(radiusKm)} km (${place.name} included)`,
      fields: casualtyFields(near.totals, near.disputed),
      empty: `No casualties reported within about ${formatNumber(radiusKm)} km.`,
    });
  }
  if (latest) {
    sections.push({ heading: 'Latest event', items: [eventItem(latest, gazetteer, settings.timeZone)] });
  }
  sections.push({
    heading: `What happened in ${place.name}${hereCount > LISTED ? ` (latest ${LISTED} of ${formatNumber(hereCount)})` : ''}`,
    items: here.events.map((s) => eventItem(s, gazetteer, settings.timeZone)),
    empty: `Nothing recorded in ${place.name}${options.from || options.to ? ' in that period' : ''}.`,
  });
  if (radiusKm > 0) {
    sections.push({
      heading: `Within about ${formatNumber(radiusKm)} km${near && near.count > hereCount ? ` (${formatNumber(near.count)} events, ${place.name} included)` : ''}`,
      items: nearby.map((n) => ({
        ...eventItem(n.stored, gazetteer, settings.timeZone),
        place: `${eventItem(n.stored, gazetteer, settings.timeZone).place} (${n.km.toFixed(0)} km)`,
      })),
      empty: `Nothing else recorded within about ${formatNumber(radiusKm)} km.`,
    });
  }
  const marks: MapMark[] = all.slice(0, 50).flatMap((s) => {
    const point = eventPoint(s.event, gazetteer);
    return point ? [{ lat: point.lat, lon: point.lon, label: s.event.summary.slice(0, 60), weight: weightOf(s) }] : [];
  });
  const period = [
    options.from || options.to ? ` · ${options.from ?? 'start'} to ${options.to ?? 'today'}` : '',
    options.categories?.length ? ` · ${options.categories.join(', ')} only` : '',
  ].join('');
  return {
    kind: 'location',
    title: `${place.name}: what happened`,
    summary: `${gazetteer.describe(place)}${period}. ${formatNumber(hereCount)} event(s) recorded here${near ? `, ${formatNumber(near.count)} within about ${formatNumber(radiusKm)} km (here included)` : ''}.`,
    sections,
    map: {
      kind: 'map',
      center: { lat: place.lat, lon: place.lon, label: place.name },
      radiusKm: radiusKm || undefined,
      marks,
    },
    footer: `Times in ${settings.timeZone}. Sources are listed with each event; disputed items are marked.`,
  };
}

function groupName(group: CasualtyGroup): string {
  return { mss: 'MSS', police: 'Police', gang: 'Gang', civilian: 'Civilian', military: 'Military', other: 'Other' }[
    group
  ];
}
