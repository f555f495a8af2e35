/**
 * The digest: what entered the record in a period (new, updated and retracted events, changed
 * figures) and the MSS casualty totals with what changed, ready for a scheduled post. A quiet
 * period says so plainly rather than posting nothing.
 */
import { newestRecordAgeLine, withAgeLine } from './data-age.ts';
import { UserError } from './errors.ts';
import { eventItem, eventPoint, figureLabel, formatIndicatorValue, sourceRef, totalsFields } from './format.ts';
import type { Language } from './i18n/language.ts';
import { messagesFor } from './i18n/messages.ts';
import type { EventCategory } from './schemas.ts';
import type { Services } from './services.ts';
import { dayAfter, formatInstant, startOfLocalDay, toUtcIso } from './time.ts';
import type { MapMark, View, ViewField, ViewItem, ViewMap } from './view.ts';

export interface DigestOptions {
  /** Start (inclusive): a date (local midnight in the settings' zone) or an ISO instant. Default: 24 h before now. */
  since?: string | undefined;
  /**
   * End: a date is the last day included (as `timeline --to`); an ISO instant is the first moment
   * left out. Default: now. Inside, the period is always half-open [since, until), as the ledger needs.
   */
  until?: string | undefined;
  /** Only events at or inside this gazetteer place. */
  placeId?: string | undefined;
  category?: EventCategory | undefined;
  /** Items listed before "... and N more". */
  maxItems?: number | undefined;
  /** Zone the channel reads times in; default the settings' zone. */
  timeZone?: string | undefined;
  /** Shown beside the title, e.g. "late: the bot was offline at 07:00". */
  note?: string | undefined;
  /** The language the digest is written in (the channel's setting). */
  language?: Language | undefined;
}

/** The gazetteer's country: a digest of all Haiti centres its map there. */
const COUNTRY_ID = 'ht';

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

function toInstant(value: string, timeZone: string): string {
  if (isDay(value)) return startOfLocalDay(value, timeZone);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new UserError('bad-instant', { value });
  return toUtcIso(date);
}

export function digestWindow(services: Services, options: DigestOptions, now: Date): { since: string; until: string } {
  const tz = options.timeZone ?? services.settings.timeZone;
  // A day typed as the end is included: the period ends where the next day starts.
  const until = options.until
    ? toInstant(isDay(options.until) ? dayAfter(options.until) : options.until, tz)
    : toUtcIso(now);
  const since = options.since ? toInstant(options.since, tz) : toUtcIso(new Date(Date.parse(until) - 24 * 3600_000));
  if (since >= until) throw new UserError('period-order', { since: options.since ?? '', until: options.until ?? '' });
  return { since, until };
}

export async function digest(services: Services, options: DigestOptions, now: Date): Promise<View> {
  const { store, gazetteer, settings } = services;
  const m = messagesFor(options.language ?? 'en');
  const tz = options.timeZone ?? settings.timeZone;
  const { since, until } = digestWindow(services, options, now);
  const maxItems = options.maxItems ?? 15;

  // The latest revision of each event changed in the period, newest first; only those listed are read whole.
  // Independent reads, sent at once: on a shared store each is a round trip.
  const [{ changes, total, added }, seriesOf, totals, disputed, age] = await Promise.all([
    store.changesBetween(since, until, { placeId: options.placeId, category: options.category }, maxItems),
    store.allIndicatorSeries().then((all) => [...all.values()]),
    store.casualtyTotals({ casualtyGroup: 'mss' }),
    store.casualtyTotals({ casualtyGroup: 'mss', confidences: ['disputed'] }),
    // The newest record the digest's filter matches, dated when it is old: a quiet day over stale data says so.
    newestRecordAgeLine(
      services,
      { placeId: options.placeId, categories: options.category ? [options.category] : undefined },
      now,
      m,
    ),
  ]);
  const items: ViewItem[] = changes.map((r) => {
    const badge = r.event.confidence === 'retracted' ? 'retracted' : r.firstRevisionInPeriod === 1 ? 'new' : 'updated';
    const item = eventItem(
      { event: r.event, revision: r.revision, recordedAt: r.recordedAt, firstRecordedAt: r.recordedAt },
      gazetteer,
      tz,
      badge === 'retracted' ? [] : [badge],
      m,
    );
    return badge === 'retracted'
      ? { ...item, text: [m.t('digest.retracted', { reason: r.reason }), item.text].filter(Boolean).join(' ') }
      : item;
  });
  const more = total - items.length;
  // The listed events that have a point, retracted ones left out: what the digest's map shows.
  const marks: MapMark[] = changes.flatMap((r) => {
    const point = r.event.confidence === 'retracted' ? undefined : eventPoint(r.event, gazetteer);
    const weight = r.event.casualties.reduce((sum, c) => sum + (c.count ?? 1), 0);
    return point ? [{ lat: point.lat, lon: point.lon, label: r.event.summary.slice(0, 60), weight }] : [];
  });

  const figures: ViewField[] = [];
  for (const series of seriesOf) {
    for (const [i, obs] of series.entries()) {
      const reported = toUtcIso(obs.reportedAt);
      if (reported < since || reported >= until) continue;
      // A change is a later figure from the same source; another source's figure is not a change.
      const previous = series
        .slice(0, i)
        .reverse()
        .find((p) => p.source.publisher === obs.source.publisher);
      const value = formatIndicatorValue(obs, m);
      figures.push({
        label: figureLabel(obs, m),
        value: previous
          ? m.t('digest.was', { value, previous: formatIndicatorValue(previous, m), asOf: m.date(previous.asOf) })
          : m.t('digest.new-figure', { value }),
        asOf: obs.asOf,
        sources: [sourceRef(obs.source)],
      });
    }
  }

  const casualtyFields = totalsFields(totals, 'mss', disputed, undefined, false, m).map(({ kind, ...f }) => {
    const count = added.mss[kind]?.count ?? 0;
    return count > 0 ? { ...f, value: m.t('total.in-period', { value: f.value, count: m.number(count) }) } : f;
  });

  const quiet = items.length === 0 && figures.length === 0;
  // Days typed are shown as typed (the last one included); instants as instants.
  const shown = (value: string | undefined, instant: string) =>
    value && isDay(value) ? m.date(value) : formatInstant(instant, tz, m);
  const period = m.t('digest.period', { since: shown(options.since, since), until: shown(options.until, until) });
  const center = gazetteer.get(options.placeId ?? COUNTRY_ID);
  const map: ViewMap | undefined =
    marks.length > 0 && center
      ? {
          kind: 'map',
          language: m.language,
          title: m.t('map.digest-title', { place: center.name, period }),
          center: { lat: center.lat, lon: center.lon, label: center.name },
          marks,
        }
      : undefined;
  return {
    kind: 'digest',
    language: m.language,
    title: options.note ? m.t('digest.title-note', { period, note: options.note }) : m.t('digest.title', { period }),
    summary: withAgeLine(
      quiet
        ? m.t('digest.quiet', { since: formatInstant(since, tz, m) })
        : m.t('digest.summary', { events: total, figures: figures.length }),
      age,
    ),
    sections: [
      {
        heading: m.t('digest.reported'),
        items,
        empty: m.t('digest.none'),
      },
      ...(more > 0 ? [{ heading: m.t('digest.more', { count: m.number(more) }), fields: [] }] : []),
      ...(figures.length ? [{ heading: m.t('digest.figures'), fields: figures }] : []),
      { heading: m.t('status.casualties'), fields: casualtyFields },
    ],
    ...(map ? { map } : {}),
    footer: m.t('view.footer', { zone: tz }),
    sourcesNote: true,
  };
}
