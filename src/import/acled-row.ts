/**
 * An event as an ACLED row. ACLED has one date, two actors, one fatality count and no claims,
 * so an event that did not come from ACLED loses detail here; an event imported from ACLED
 * comes out as the row it was read from (up to ACLED's date and precision codes).
 */
import type { Event } from '../core/schemas.ts';
import type { Services } from '../core/services.ts';
import {
  type ACLED_COLUMNS_OUT,
  acledIdOf,
  acledTypesOf,
  geoPrecisionCode,
  timePrecisionCode,
} from './acled-mapping.ts';

type Row = Record<(typeof ACLED_COLUMNS_OUT)[number], string>;

/** The event's notes as ACLED holds them: the whole text once. */
function notesOf(event: Event): string {
  const { summary, details } = event;
  if (!details) return summary;
  return details.startsWith(summary.replace(/…$/, '')) ? details : `${summary} ${details}`;
}

export function acledRowOf(event: Event, services: Pick<Services, 'gazetteer' | 'actors'>): Row {
  const { gazetteer, actors } = services;
  const path = event.place.placeId
    ? [event.place.placeId, ...gazetteer.ancestors(event.place.placeId).map((p) => p.id)]
    : [];
  const nameOf = (kind: string) => {
    const id = path.find((p) => gazetteer.get(p)?.kind === kind);
    return id ? (gazetteer.get(id)?.name ?? '') : '';
  };
  const point =
    event.place.lat !== undefined && event.place.lon !== undefined
      ? { lat: event.place.lat, lon: event.place.lon }
      : event.place.placeId
        ? gazetteer.get(event.place.placeId)
        : undefined;
  const date =
    event.occurredAt.length === 4
      ? `${event.occurredAt}-01-01`
      : event.occurredAt.length === 7
        ? `${event.occurredAt}-01`
        : event.occurredAt.slice(0, 10);
  const { eventType, subEventType } = acledTypesOf(event);
  const actorName = (i: number) => {
    const id = event.actors[i];
    return id ? (actors.get(id)?.name ?? id) : '';
  };
  const fatalities = event.casualties.filter((c) => c.kind === 'killed').reduce((n, c) => n + (c.count ?? 0), 0);
  return {
    event_id_cnty: acledIdOf(event.id),
    event_date: date,
    year: date.slice(0, 4),
    time_precision: String(timePrecisionCode(event.timePrecision)),
    event_type: eventType,
    sub_event_type: subEventType,
    actor1: actorName(0),
    actor2: actorName(1),
    country: 'Haiti',
    admin1: nameOf('department'),
    admin2: nameOf('arrondissement'),
    admin3: nameOf('commune'),
    location: event.place.text,
    latitude: point ? String(point.lat) : '',
    longitude: point ? String(point.lon) : '',
    geo_precision: String(geoPrecisionCode(event.place.geoPrecision)),
    source: event.sources.map((s) => s.publisher).join('; '),
    notes: notesOf(event),
    fatalities: String(fatalities),
    timestamp: String(Math.floor(Date.parse(event.reportedAt) / 1000)),
  };
}
