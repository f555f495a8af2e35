/**
 * What every import format turns a file into: one result per record, with the line it starts
 * on, either a checked Event or the reasons it was refused.
 */
import type { Event } from '../core/schemas.ts';

export interface UnknownPlace {
  text: string;
  lat?: number | undefined;
  lon?: number | undefined;
}

export type RowResult =
  | { line: number; ok: true; event: Event; unknownPlace?: UnknownPlace | undefined }
  | { line: number; ok: false; reason: string };

export type ImportFormat = 'json' | 'csv' | 'acled';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['json', 'csv', 'acled'];

/** "field place.lat: expected a number" from a zod issue, naming the field as the file does. */
export function issueText(
  issue: { path: PropertyKey[]; message: string } | undefined,
  column?: (path: string) => string,
) {
  if (!issue) return 'invalid record';
  const path = issue.path.map(String).join('.');
  if (path === '') return issue.message;
  return `${column ? column(path) : `field ${path}`}: ${issue.message}`;
}
