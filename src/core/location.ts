/**
 * /location: where a place is, what happened there (and in the places inside it), what happened
 * within a radius, casualty totals and the latest event. Events whose place is disputed show up
 * at every place a source gave, marked as disputed.
 */
import { dataAgeLine, withAgeLine } from './data-age.ts';
import { UserError } from './errors.ts';
import { describePlace, eventItem, eventPoint, hasCasualties, totalsFields } from './format.ts';
import type { Language } from './i18n/language.ts';
import { messagesFor } from './i18n/messages.ts';
import { locationCounts } from './location-counts.ts';
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
  now: Date,
  language: Language = 'en',
): Promise<View> {
  const { store, gazetteer, settings } = services;
  const m = messagesFor(language);
  // The resolver questions use too: a sure misspelling ("Pon Sonde") is read, and said so.
  const resolved = resolvePlaceName(gazetteer, placeText);
  const place = resolved.status === 'found' ? resolved.place : gazetteer.resolve(placeText);
  const preface =
    options.preface ??
    (resolved.status === 'found' && resolved.corrected
      ? m.t('location.read-as', { words: normalizeName(placeText), place: place.name })
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
  const around: EventQuery | undefined =
    radiusKm > 0 ? { ...window, near: { lat: place.lat, lon: place.lon, km: radiusKm } } : undefined;
  // Independent reads, sent at once: on a shared store each is a round trip.
  const [here, { hereCount, totals, disputed, elsewhere, near }, aroundPage] = await Promise.all([
    store.listEvents(inside, { limit: LISTED }),
    locationCounts(services, place, window, radiusKm),
    around ? store.listEvents(around, { limit: 2 * LISTED }) : undefined,
  ]);

  // The latest events around, less those already listed for the place itself.
  const listed = new Set(here.events.map((s) => s.event.id));
  const nearby: Array<{ stored: StoredEvent; km: number }> = (aroundPage?.events ?? [])
    .filter((s) => !listed.has(s.event.id))
    .slice(0, LISTED)
    .flatMap((stored) => {
      const point = eventPoint(stored.event, gazetteer);
      return point ? [{ stored, km: distanceKm(place, point) }] : [];
    });

  const parents = gazetteer.ancestors(place.id).filter((p) => p.kind !== 'country');
  const where: ViewField[] = [
    { label: m.t('location.kind'), value: m.t('place.kind', { kind: place.kind }), inline: true },
    {
      label: m.t('location.in'),
      value: parents.length
        ? parents.map((p) => p.name).join(', ')
        : isOutsideHaiti(place)
          ? m.t('location.outside')
          : m.t('location.haiti'),
      inline: true,
    },
    {
      label: m.t('location.point'),
      value: `${place.lat.toFixed(3)}, ${place.lon.toFixed(3)} (${m.t('location.precision', { precision: place.coordPrecision })})`,
      sources: [{ publisher: place.coordSource }],
      inline: true,
    },
  ];
  const all = [...here.events, ...nearby.map((n) => n.stored)].sort((a, b) =>
    a.event.occurredAt < b.event.occurredAt ? 1 : -1,
  );
  const sections: ViewSection[] = [];
  if (preface)
    sections.push({ heading: m.t('ask.question'), fields: [{ label: m.t('ask.understood'), value: preface }] });
  const casualtyFields = (t: CasualtyTotals, d: CasualtyTotals) =>
    hasCasualties(t)
      ? GROUPS.flatMap((g) =>
          totalsFields(t, g, d, undefined, true, m).map(({ kind: _kind, ...f }) => ({
            ...f,
            label: m.t('casualty.group-kind', { group: g, kind: f.label.toLowerCase() }),
          })),
        )
      : [];
  const km = m.number(radiusKm);
  // Each event once: what happened here (newest first), then what happened around it; the totals.
  sections.push({
    heading:
      hereCount > LISTED
        ? m.t('location.events-of', { place: place.name, listed: m.number(LISTED), count: m.number(hereCount) })
        : m.t('location.events', { place: place.name }),
    items: here.events.map((s) => eventItem(s, gazetteer, settings.timeZone, [], m)),
    empty: m.t(options.from || options.to ? 'location.nothing-period' : 'location.nothing', { place: place.name }),
  });
  if (radiusKm > 0) {
    sections.push({
      heading:
        near && near.count > hereCount
          ? m.t('location.near-count', { km, count: m.number(near.count), place: place.name })
          : m.t('location.near', { km }),
      items: nearby.map((n) => {
        const item = eventItem(n.stored, gazetteer, settings.timeZone, [], m);
        return {
          ...item,
          place: m.t('location.distance', { place: item.place ?? '', km: m.number(Math.round(n.km)) }),
        };
      }),
      empty: m.t('location.nothing-near', { km }),
    });
  }
  sections.push({
    heading: radiusKm > 0 ? m.t('location.casualties-in', { place: place.name }) : m.t('location.casualties'),
    fields: casualtyFields(totals, disputed),
    empty: m.t('location.no-casualties'),
  });
  if (near) {
    sections.push({
      heading: m.t('location.casualties-near', { km, place: place.name }),
      fields: casualtyFields(near.totals, near.disputed),
      empty: m.t('location.no-casualties-near', { km }),
    });
  }
  sections.push({ heading: m.t('location.where'), fields: where });
  const marks: MapMark[] = all.slice(0, 50).flatMap((s) => {
    const point = eventPoint(s.event, gazetteer);
    return point ? [{ lat: point.lat, lon: point.lon, label: s.event.summary.slice(0, 60), weight: weightOf(s) }] : [];
  });
  const period = [
    options.from || options.to
      ? m.t('location.period', {
          from: options.from ? m.date(options.from) : m.t('location.start'),
          to: options.to ? m.date(options.to) : m.t('location.today'),
        })
      : '',
    options.categories?.length
      ? m.t('location.only', {
          categories: options.categories.map((category) => m.t('category.name', { category })).join(', '),
        })
      : '',
  ].join('');
  const described = describePlace(place, gazetteer, m);
  // The listings are newest first, so the first of them all is the newest record the answer rests on.
  const age = dataAgeLine(all[0]?.event.occurredAt, now, m, {
    timeZone: settings.timeZone,
    staleAfterDays: settings.staleAfterDays,
    scope: 'here',
  });
  return {
    kind: 'location',
    language,
    title: m.t('location.title', { place: place.name }),
    summary: withAgeLine(
      near
        ? m.t('location.summary-near', { where: described, period, count: hereCount, near: m.number(near.count), km })
        : m.t('location.summary', { where: described, period, count: hereCount }),
      [
        age,
        elsewhere.count > 0
          ? m.t('location.placed-elsewhere', {
              count: elsewhere.count,
              places: m.list(elsewhere.places.map((p) => p.name)),
            })
          : undefined,
      ]
        .filter(Boolean)
        .join('\n'),
    ),
    sections,
    map: {
      kind: 'map',
      language,
      center: { lat: place.lat, lon: place.lon, label: place.name },
      radiusKm: radiusKm || undefined,
      marks,
    },
    footer: m.t('view.footer', { zone: settings.timeZone }),
    sourcesNote: true,
  };
}
