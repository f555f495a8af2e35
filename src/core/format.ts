/**
 * Turns records into the plain-text pieces of a View: an event as a list item with its sources
 * and disputed claims, a casualty count with its qualifier, a figure with its comparator.
 */
import type { Gazetteer } from './places.ts';
import type { Casualty, Claim, Event, Indicator, Source } from './schemas.ts';
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

const number = new Intl.NumberFormat('en-US');

export function formatNumber(n: number): string {
  return number.format(n);
}

const COMPARATOR_WORDS: Record<Indicator['comparator'], string> = {
  exact: '',
  'at-least': 'at least ',
  'more-than': 'more than ',
  about: 'about ',
  'up-to': 'up to ',
};

/** "at least 800", "more than 85 %", "6: Bahamas, Guatemala, ...". */
export function formatIndicatorValue(indicator: Indicator): string {
  if (indicator.value === null) return 'unknown';
  const words = COMPARATOR_WORDS[indicator.comparator];
  const value = indicator.unit === 'percent' ? `${indicator.value} %` : formatNumber(indicator.value);
  const items = indicator.items?.length ? `: ${indicator.items.join(', ')}` : '';
  return `${words}${value}${items}`;
}

export function formatCasualty(c: Casualty): string {
  if (c.count === null) return 'unknown number';
  return `${c.qualifier === 'at-least' ? 'at least ' : c.qualifier === 'about' ? 'about ' : ''}${formatNumber(c.count)}`;
}

const GROUP_NAMES: Record<Casualty['group'], string> = {
  mss: 'MSS',
  police: 'police',
  gang: 'gang members',
  civilian: 'civilians',
  military: 'military',
  other: 'others',
};

/** "MSS: 1 missing; gang members: unknown number injured". */
export function casualtyLine(casualties: Casualty[]): string | undefined {
  if (casualties.length === 0) return undefined;
  return casualties.map((c) => `${GROUP_NAMES[c.group]}: ${formatCasualty(c)} ${c.kind}`).join('; ');
}

/** One line a claim: "Place (contested): Belot area, Kenscoff — MSS spokesperson ...". */
export function claimLine(claim: Claim): string {
  const label = claim.field === 'occurredAt' ? 'Date' : claim.field[0]?.toUpperCase() + claim.field.slice(1);
  const note = claim.note ? ` ${claim.note}` : '';
  return `${label} (${claim.standing}): ${claim.value} — ${claim.source.publisher}${claim.source.date ? `, ${claim.source.date}` : ''}.${note}`;
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

export function placeLabel(event: Event, gazetteer: Gazetteer): string {
  const place = event.place.placeId ? gazetteer.get(event.place.placeId) : undefined;
  if (!place) return event.place.text;
  const parents = gazetteer
    .ancestors(place.id)
    .filter((p) => p.kind === 'department' || p.kind === 'commune')
    .map((p) => p.name);
  return [place.name, ...parents].join(', ');
}

export function eventItem(
  stored: StoredEvent,
  gazetteer: Gazetteer,
  timeZone: string,
  extraBadges: ViewItem['badges'] = [],
): ViewItem {
  const { event } = stored;
  const claims = shownClaims(event);
  const badges: NonNullable<ViewItem['badges']> = [...(extraBadges ?? [])];
  if (event.confidence === 'disputed' || claims.some((c) => c.standing === 'contested')) badges.push('disputed');
  if (event.confidence === 'retracted') badges.push('retracted');
  if (claims.some((c) => c.standing === 'superseded')) badges.push('corrected');
  const casualties = casualtyLine(event.casualties);
  return {
    id: event.id,
    when: formatOccurred(event.occurredAt, event.timePrecision, timeZone),
    title: event.summary,
    text: [casualties ? `Casualties: ${casualties}.` : undefined, event.details].filter(Boolean).join(' ') || undefined,
    place: placeLabel(event, gazetteer),
    sources: event.sources.map(sourceRef),
    badges: [...new Set(badges)],
    claims: claims.length ? claims.map(claimLine) : undefined,
  };
}

/** Fields for one group's totals: "Killed: 1", "Missing: 1 (includes disputed reports)". */
export function totalsFields(
  totals: CasualtyTotals,
  group: Casualty['group'],
  disputed: CasualtyTotals | undefined,
  kinds: Array<Casualty['kind']> = ['killed', 'injured', 'missing', 'captured'],
  omitEmpty = false,
): ViewField[] {
  const isEmpty = (kind: Casualty['kind']) =>
    totals[group][kind].count === 0 && totals[group][kind].unknownReports === 0;
  return kinds
    .filter((kind) => !(omitEmpty || kind === 'captured') || !isEmpty(kind))
    .map((kind) => {
      const t = totals[group][kind];
      const d = disputed?.[group][kind];
      // A report with no number is not a zero: "unknown (1 report)", or a lower bound beside a count.
      const reports = `${t.unknownReports} report${t.unknownReports === 1 ? '' : 's'}`;
      const count =
        t.unknownReports > 0 && t.count === 0
          ? `unknown (${reports})`
          : `${t.atLeast || t.unknownReports > 0 ? 'at least ' : ''}${formatNumber(t.count)}`;
      const unknown = t.unknownReports > 0 && t.count > 0 ? `, plus ${reports} with no number` : '';
      const disputedNote =
        d && d.count > 0
          ? ` (${formatNumber(d.count)} from disputed reports)`
          : d && d.unknownReports > 0
            ? ' (from disputed reports)'
            : '';
      return {
        label: kind[0]?.toUpperCase() + kind.slice(1),
        value: `${count}${unknown}${disputedNote}`,
        disputed: disputedNote !== '' ? true : undefined,
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
