/**
 * How well a typed name matches a place's name (exact, prefix, typo), how places of the same
 * rank are ordered (a department before a commune before a neighbourhood), and a user's words
 * made safe to show back.
 */
import { distance as editDistance } from 'fastest-levenshtein';
import type { Place } from './schemas.ts';

/** The user's words as they may be shown back: no mention, markup or control character, and short. */
export function echoable(text: string): string {
  const plain = text
    .replace(/[\p{Cc}\p{Cf}<>@*_~`|\\[\]{}#]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return truncate(plain, 60);
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Exact 0; prefix 10 + remaining length; word prefix 20; typo 30 + 10 × distance. */
export function matchScore(query: string, name: string): number | undefined {
  if (name === query) return 0;
  if (name.startsWith(query)) return 10 + Math.min(9, name.length - query.length) / 10;
  if (name.split(' ').some((word) => word.startsWith(query)) && query.length >= 2) return 20;
  const allowed = query.length <= 4 ? 1 : query.length <= 8 ? 2 : 3;
  const d = editDistance(query, name);
  if (d <= allowed) return 30 + 10 * d;
  // A typo in a prefix: "kensc" against "kenscoff" is already a prefix; "kemsc" is not.
  if (query.length >= 4 && name.length > query.length) {
    const head = editDistance(query, name.slice(0, query.length));
    if (head <= (query.length <= 5 ? 1 : 2)) return 60 + 10 * head;
  }
  return undefined;
}

const KIND_ORDER: Record<Place['kind'], number> = {
  department: 0,
  commune: 1,
  locality: 2,
  neighbourhood: 3,
  section: 4,
  site: 5,
  route: 6,
  arrondissement: 7,
  country: 8,
  foreign: 9,
};

export function kindRank(place: Place): number {
  return KIND_ORDER[place.kind];
}
