/**
 * Turns records into the plain-text pieces of a View: an event as a list item with its sources
 * and disputed claims, a casualty count with its qualifier, a figure with its comparator.
 */
import { countryName } from './i18n/country-names.ts';
import { type Messages, messagesFor } from './i18n/messages.ts';
import type { Gazetteer } from './places.ts';
import type { Actor, Casualty, Claim, Event, Indicator, Place, Source } from './schemas.ts';
import type { CasualtyTotals, StoredEvent } from './store-port.ts';
import { formatOccurred } from './time.ts';
import type { SourceRef, ViewField, ViewItem } from './view.ts';

export function sourceRef(source: Source): SourceRef {
  return { publisher: source.publisher, title: source.title, url: source.url, date: source.date };
}

/** Each source once, in first-seen order. */
export function uniqueSources(sources: Source[]): SourceRef[] {
  const seen = new Map<string, SourceRef>();
  for (const s of sources) {
    const key = `${s.publisher}|${s.title ?? ''}|${s.date ?? ''}`;
    if (!seen.has(key)) seen.set(key, sourceRef(s));
  }
  return [...seen.values()];
}

const english = messagesFor('en');

export function formatNumber(n: number, m: Messages = english): string {
  return m.number(n);
}

/** A comparator as an ICU select key (hyphens are not allowed there). */
const selectKey = (key: string) => key.replaceAll('-', '_');

/** "at least 800", "more than 85 %", "6: Bahamas, Guatemala, ...". */
export function formatIndicatorValue(indicator: Indicator, m: Messages = english): string {
  if (indicator.value === null) return m.t('value.unknown');
  const number = m.number(indicator.value, Number.isInteger(indicator.value) ? 0 : 1);
  const value = indicator.unit === 'percent' ? m.t('value.percent', { value: number }) : number;
  const names =
    indicator.unit === 'countries' ? indicator.items?.map((name) => countryName(name, m.language)) : indicator.items;
  const items = names?.length ? `${m.t('view.colon')} ${names.join(', ')}` : '';
  return `${m.t('value.compared', { comparator: selectKey(indicator.comparator), value })}${items}`;
}

/** A figure's label in the language: known series by key, others as stored. */
export function figureLabel(indicator: Pick<Indicator, 'key' | 'label'>, m: Messages = english): string {
  return m.t('figure.label', { key: selectKey(indicator.key), label: indicator.label });
}

export function formatCasualty(c: Casualty, m: Messages = english): string {
  if (c.count === null) return m.t('casualty.unknown-number');
  const comparator = c.qualifier === 'at-least' || c.qualifier === 'about' ? selectKey(c.qualifier) : 'exact';
  return m.t('value.compared', { comparator, value: m.number(c.count) });
}

/** "MSS: 1 missing; gang members: unknown number injured". */
export function casualtyLine(casualties: Casualty[], m: Messages = english): string | undefined {
  if (casualties.length === 0) return undefined;
  return casualties
    .map((c) =>
      m.t('casualty.entry', {
        group: m.t('casualty.group', { group: c.group }),
        count: formatCasualty(c, m),
        kind: m.t('casualty.kind', { kind: c.kind, n: c.count ?? 2 }),
      }),
    )
    .join('; ');
}

/** One line a claim: "Place (contested): Belot area, Kenscoff — MSS spokesperson ...". */
export function claimLine(claim: Claim, m: Messages = english): string {
  const note = claim.note ? ` ${claim.note}` : '';
  return `${m.t('claim.line', {
    field: m.t('claim.field', { field: claim.field }),
    standing: m.t('claim.standing', { standing: claim.standing }),
    value: claim.field === 'occurredAt' ? m.date(claim.value) : claim.value,
    source: `${claim.source.publisher}${claim.source.date ? `, ${m.date(claim.source.date)}` : ''}`,
  })}${note}`;
}

/** Claims worth showing: the contested and the superseded (an accepted vaguer date is noise). */
export function shownClaims(event: Event): Claim[] {
  return event.claims.filter((c) => c.standing !== 'accepted');
}

/** Where an event is on the map: its own point, else its gazetteer place's. */
export function eventPoint(event: Event, gazetteer: Gazetteer): { lat: number; lon: number } | undefined {
  if (event.place.lat !== undefined && event.place.lon !== undefined)
    return { lat: event.place.lat, lon: event.place.lon };
  return event.place.placeId ? gazetteer.get(event.place.placeId) : undefined;
}

/** "Pont-Sondé (localité, Saint-Marc, Artibonite)": the kind in the language, names as recorded. */
export function describePlace(place: Place, gazetteer: Gazetteer, m: Messages = english): string {
  return gazetteer.describe(place, (kind) => m.t('place.kind', { kind }));
}

/** An actor's name in the reader's language, else as recorded. */
export function actorName(actor: Actor, m: Messages = english): string {
  return m.language === 'en' ? actor.name : (actor.names?.[m.language] ?? actor.name);
}

/** Each gazetteer's labels by place id: a gazetteer never changes, and every listed record asks. */
const placeLabels = new WeakMap<Gazetteer, Map<string, string>>();

/** "Pont-Sondé, Saint-Marc, Artibonite": the place with its commune and department; else the words recorded. */
export function placeLabel(event: Event, gazetteer: Gazetteer, m: Messages = english): string {
  const id = event.place.placeId;
  const place = id ? gazetteer.get(id) : undefined;
  if (!place) return event.translations?.[m.language]?.place ?? event.place.text;
  let labels = placeLabels.get(gazetteer);
  if (!labels) {
    labels = new Map();
    placeLabels.set(gazetteer, labels);
  }
  let label = labels.get(place.id);
  if (label === undefined) {
    const parents = gazetteer
      .ancestors(place.id)
      .filter((p) => p.kind === 'department' || p.kind === 'commune')
      .map((p) => p.name);
    label = [place.name, ...parents].join(', ');
    labels.set(place.id, label);
  }
  return label;
}

/**
 * The event's summary and details in the messages' language: a hand translation when the record
 * has one, marked as such ("… (traduction)"), else the stored text as it is.
 */
export function eventText(event: Event, m: Messages = english): { summary: string; details?: string | undefined } {
  const translation = event.translations?.[m.language];
  if (!translation) return { summary: event.summary, details: event.details };
  return {
    summary: m.t('text.translated', { text: translation.summary }),
    details: translation.details ?? event.details,
  };
}

/**
 * Items already written, by gazetteer and record: a record frozen by the store (a revision, which
 * never changes) is written once per language, zone and badges while the store keeps it; its
 * item is frozen too, as every answer listing the record shares it.
 */
const writtenItems = new WeakMap<Gazetteer, WeakMap<Event, Map<string, ViewItem>>>();

export function eventItem(
  stored: StoredEvent,
  gazetteer: Gazetteer,
  timeZone: string,
  extraBadges: ViewItem['badges'] = [],
  m: Messages = english,
): ViewItem {
  const { event } = stored;
  if (!Object.isFrozen(event)) return writeItem(event, gazetteer, timeZone, extraBadges, m);
  let byEvent = writtenItems.get(gazetteer);
  if (!byEvent) {
    byEvent = new WeakMap();
    writtenItems.set(gazetteer, byEvent);
  }
  let items = byEvent.get(event);
  if (!items) {
    items = new Map();
    byEvent.set(event, items);
  }
  const key = `${m.language}|${timeZone}|${extraBadges?.join(',') ?? ''}`;
  let item = items.get(key);
  if (!item) {
    item = frozenItem(writeItem(event, gazetteer, timeZone, extraBadges, m));
    items.set(key, item);
  }
  return item;
}

function frozenItem(item: ViewItem): ViewItem {
  for (const source of item.sources ?? []) Object.freeze(source);
  for (const list of [item.sources, item.badges, item.claims]) if (list) Object.freeze(list);
  return Object.freeze(item);
}

function writeItem(
  event: Event,
  gazetteer: Gazetteer,
  timeZone: string,
  extraBadges: ViewItem['badges'],
  m: Messages,
): ViewItem {
  const claims = shownClaims(event);
  const badges: NonNullable<ViewItem['badges']> = [...(extraBadges ?? [])];
  if (event.confidence === 'disputed' || claims.some((c) => c.standing === 'contested')) badges.push('disputed');
  if (event.confidence === 'retracted') badges.push('retracted');
  if (claims.some((c) => c.standing === 'superseded')) badges.push('corrected');
  const casualties = casualtyLine(event.casualties, m);
  const text = eventText(event, m);
  return {
    id: event.id,
    when: formatOccurred(event.occurredAt, event.timePrecision, timeZone, m),
    title: text.summary,
    text:
      [casualties ? m.t('casualty.line', { list: casualties }) : undefined, text.details].filter(Boolean).join(' ') ||
      undefined,
    place: placeLabel(event, gazetteer, m),
    sources: event.sources.map(sourceRef),
    badges: [...new Set(badges)],
    claims: claims.length ? claims.map((c) => claimLine(c, m)) : undefined,
  };
}

/** Fields for one group's totals: "Killed: 1", "Missing: 1 (includes disputed reports)". */
export function totalsFields(
  totals: CasualtyTotals,
  group: Casualty['group'],
  disputed: CasualtyTotals | undefined,
  kinds: Array<Casualty['kind']> = ['killed', 'injured', 'missing', 'captured'],
  omitEmpty = false,
  m: Messages = english,
): Array<ViewField & { kind: Casualty['kind'] }> {
  const isEmpty = (kind: Casualty['kind']) =>
    totals[group][kind].count === 0 && totals[group][kind].unknownReports === 0;
  return kinds
    .filter((kind) => !(omitEmpty || kind === 'captured') || !isEmpty(kind))
    .map((kind) => {
      const t = totals[group][kind];
      const d = disputed?.[group][kind];
      // A report with no number is not a zero: "unknown (1 report)", or a lower bound beside a count.
      const reports = () => m.t('total.reports', { count: t.unknownReports });
      const count =
        t.unknownReports > 0 && t.count === 0
          ? m.t('total.unknown', { reports: reports() })
          : t.atLeast || t.unknownReports > 0
            ? m.t('total.at-least', { count: m.number(t.count) })
            : m.number(t.count);
      const value =
        t.unknownReports > 0 && t.count > 0 ? m.t('total.plus-unknown', { value: count, reports: reports() }) : count;
      const disputedCount = d !== undefined && d.count > 0;
      const isDisputed = disputedCount || (d !== undefined && d.unknownReports > 0);
      return {
        kind,
        label: m.t('casualty.kind-label', { kind }),
        value: disputedCount
          ? m.t('total.disputed-count', { value, count: m.number(d.count) })
          : isDisputed
            ? m.t('total.disputed', { value })
            : value,
        disputed: isDisputed ? true : undefined,
        inline: true,
      };
    });
}

export function emptyTotals(): CasualtyTotals {
  const kinds = () => ({
    killed: { count: 0, atLeast: false, unknownReports: 0 },
    injured: { count: 0, atLeast: false, unknownReports: 0 },
    missing: { count: 0, atLeast: false, unknownReports: 0 },
    captured: { count: 0, atLeast: false, unknownReports: 0 },
  });
  return { mss: kinds(), police: kinds(), gang: kinds(), civilian: kinds(), military: kinds(), other: kinds() };
}

export function hasCasualties(totals: CasualtyTotals): boolean {
  return Object.values(totals).some((kinds) => Object.values(kinds).some((t) => t.count > 0 || t.unknownReports > 0));
}
