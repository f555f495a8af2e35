/**
 * Time zone names as users type them: "America/Port-au-Prince", "america/new_york",
 * "Port au Prince", "UTC". An unknown name gets the closest IANA names as suggestions.
 */
import { distance } from 'fastest-levenshtein';
import { IANAZone } from 'luxon';
import { UserError } from '../core/errors.ts';

export const DEFAULT_TIME_ZONE = 'America/Port-au-Prince';

const ZONES: readonly string[] = [...Intl.supportedValuesOf('timeZone'), 'UTC'];

/** "America/Port-au-Prince" → "america port au prince"; "Port au Prince" → "port au prince". */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[-_/\s]+/g, ' ')
    .trim();
}

/** The zone's last part ("New_York" → "new york"), how people usually name it. */
function city(zone: string): string {
  return fold(zone.slice(zone.lastIndexOf('/') + 1));
}

/** The canonical IANA name for `text`, or a UserError naming close ones. */
export function resolveTimeZone(text: string): string {
  const wanted = fold(text);
  const exact = ZONES.find((z) => fold(z) === wanted) ?? ZONES.find((z) => city(z) === wanted);
  if (exact && IANAZone.isValidZone(exact)) return exact;
  const suggestions = closeTimeZones(text, 3);
  throw suggestions.length > 0
    ? new UserError('unknown-time-zone-close', { zone: text, close: suggestions.join(', ') }, suggestions)
    : new UserError('unknown-time-zone', { zone: text, example: DEFAULT_TIME_ZONE });
}

/** The IANA names closest to `text`, by the whole name or its city. */
export function closeTimeZones(text: string, limit: number): string[] {
  const wanted = fold(text);
  if (wanted.length === 0) return [];
  const scored = ZONES.map((zone) => {
    const name = fold(zone);
    const town = city(zone);
    const contains = name.includes(wanted) || (wanted.length >= 3 && town.startsWith(wanted)) ? 0 : Infinity;
    const score = Math.min(contains, distance(wanted, name), distance(wanted, town));
    return { zone, score };
  });
  const allowed = Math.max(2, Math.floor(wanted.length / 3));
  return scored
    .filter((s) => s.score <= allowed)
    .sort((a, b) => a.score - b.score || a.zone.localeCompare(b.zone))
    .slice(0, limit)
    .map((s) => s.zone);
}
