/**
 * What Sitrep reads from a feed item before anyone looks at it: the places it names (the
 * gazetteer, in English, French and Creole), the day it says something happened, a category,
 * casualty numbers, a key shared by near-identical titles, and the recorded events it likely
 * describes. Pure: the item's publication time or the caller's `now` stands in for the clock.
 */
import type { EventMatch, LeadReading } from './intake-port.ts';
import { readCasualties } from './lead-casualties.ts';
import { type Gazetteer, normalizeName } from './places.ts';
import { localToday, readNamed } from './question.ts';
import type { Event, EventCategory } from './schemas.ts';

export interface LeadContext {
  gazetteer: Gazetteer;
  timeZone: string;
}

export interface LeadText {
  title: string;
  summary?: string | undefined;
  /** ISO instant the source published it, if it says. */
  publishedAt?: string | undefined;
}

/** The kinds a question reader finds, most telling first: the category a lead is read as. */
export const CATEGORY_ORDER: EventCategory[] = [
  'assassination',
  'kidnapping',
  'clash',
  'attack',
  'protest',
  'deployment',
  'humanitarian',
];

/** Days around the lead's day within which a recorded event may be the same one. */
export const MATCH_DAYS = 3;

/** What the words of an item say, without the matches (they need the store). */
export function readLead(text: LeadText, now: Date, ctx: LeadContext): Omit<LeadReading, 'matches'> {
  const published = text.publishedAt ? new Date(text.publishedAt) : now;
  const reference = Number.isNaN(published.getTime()) ? now : published;
  // Only what a lead keeps is read: not the asker's language nor the line saying what was understood.
  const read = (words: string) =>
    readNamed(words, { gazetteer: ctx.gazetteer, now: reference, timeZone: ctx.timeZone });
  const title = read(text.title);
  const summary = text.summary ? read(text.summary) : undefined;
  const placeIds = [...new Set([title.place?.id, summary?.place?.id].filter((id): id is string => id !== undefined))];
  const kinds = [...(title.kinds ?? []), ...(summary?.kinds ?? [])];
  const category = CATEGORY_ORDER.find((c) => kinds.includes(c));
  const localDay = localToday(reference, ctx.timeZone);
  // A single day the words name, not after publication ("on Tuesday", "le 25 mars"), else the day published.
  const window = title.window ?? summary?.window;
  const named = window && window.from === window.until && window.from <= localDay ? window.from : undefined;
  const casualties = readCasualties(`${text.title}. ${text.summary ?? ''}`);
  return { placeIds, occurredOn: named ?? localDay, category, casualties };
}

/** Words that say nothing of which story a title tells. */
const STOP = new Set(
  'a an the in of to for on at by and or with from as is are after amid over says said new update live ' +
    'le la les l de du des d en et a au aux dans pour sur par un une apres selon ' +
    'nan ak pou sou yon la yo ki'.split(' '),
);

/**
 * The title's words, normalized and sorted, without a trailing " - Publisher": two sources that
 * carry the same headline, cased, punctuated or ordered differently, share it.
 */
export function titleKey(title: string): string {
  const words = title.split(/\s+/);
  const dash = title.search(/\s[-–—|]\s[^-–—|]+$/);
  const base =
    dash > 0 && words.length >= 6 && title.slice(dash).split(/\s+/).length <= 5 ? title.slice(0, dash) : title;
  return [...new Set(normalizeName(base).split(' '))]
    .filter((w) => w !== '' && !STOP.has(w))
    .sort()
    .join(' ');
}

function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(`${a.slice(0, 10)}T00:00:00Z`) - Date.parse(`${b.slice(0, 10)}T00:00:00Z`)) / 86_400_000;
}

/**
 * Recorded events the lead likely describes, best first: same place (or one inside the other),
 * close in time, same category. Only events that score at least `threshold` (0-1).
 */
export function matchEvents(
  reading: Omit<LeadReading, 'matches'>,
  candidates: readonly Event[],
  gazetteer: Gazetteer,
  threshold = 0.6,
): EventMatch[] {
  const matches: EventMatch[] = [];
  for (const event of candidates) {
    const why: string[] = [];
    let score = 0;
    const at = event.place.placeId;
    if (at && reading.placeIds.some((p) => p === at)) {
      score += 0.45;
      why.push('same place');
    } else if (at && reading.placeIds.some((p) => gazetteer.contains(p, at) || gazetteer.contains(at, p))) {
      score += 0.35;
      why.push('place inside the other');
    } else if (
      at &&
      reading.placeIds.some((p) => {
        const d = gazetteer.departmentOf(p);
        return d !== undefined && d.id === gazetteer.departmentOf(at)?.id;
      })
    ) {
      score += 0.15;
      why.push('same department');
    }
    // Close in time is required: the same place and kind a month apart is another event.
    if (!reading.occurredOn || event.occurredAt.length < 10) continue;
    const days = daysBetween(reading.occurredOn, event.occurredAt);
    if (days > MATCH_DAYS) continue;
    score += days === 0 ? 0.35 : days <= 1 ? 0.25 : 0.1;
    why.push(days === 0 ? 'same day' : `${days} day${days === 1 ? '' : 's'} apart`);
    if (reading.category && reading.category === event.category) {
      score += 0.2;
      why.push('same category');
    }
    if (score >= threshold)
      matches.push({ eventId: event.id, score: Math.round(score * 100) / 100, why: why.join(', ') });
  }
  return matches.sort((a, b) => b.score - a.score || a.eventId.localeCompare(b.eventId)).slice(0, 3);
}
