/**
 * Sitrep's own JSON: an array of events, or `{ "format": "sitrep-events", "events": [...] }` as
 * `sitrep export --format json` writes it. Each record is checked against the Event schema and
 * reported with the line it starts on.
 */
import { Event } from '../core/schemas.ts';
import { ImportFileError } from './read-text.ts';
import { issueText, type RowResult } from './rows.ts';

export function parseSitrepJson(text: string, name: string): RowResult[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const truncated = /end of (JSON )?input|Unterminated/i.test((err as Error).message);
    throw new ImportFileError(
      `${name} is not valid JSON${truncated ? ' (the file ends too early: is it truncated?)' : ''}: ${(err as Error).message}`,
    );
  }
  const records = Array.isArray(value)
    ? value
    : value && typeof value === 'object' && Array.isArray((value as { events?: unknown }).events)
      ? (value as { events: unknown[] }).events
      : undefined;
  if (!records) {
    throw new ImportFileError(`${name}: expected an array of events or an object with an "events" array.`);
  }
  const lines = recordLines(text);
  return records.map((record, i) => {
    const line = lines[i] ?? 1;
    const parsed = Event.safeParse(record);
    if (!parsed.success) return { line, ok: false, reason: issueText(parsed.error.issues[0]) };
    return { line, ok: true, event: parsed.data };
  });
}

/**
 * The line each record of the events array starts on: objects opened directly inside the
 * top-level array, or inside an array that is a member of the top-level object.
 */
function recordLines(text: string): number[] {
  const lines: number[] = [];
  const stack: string[] = [];
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      const inRecords =
        ch === '{' &&
        stack[stack.length - 1] === '[' &&
        (stack.length === 1 || (stack.length === 2 && stack[0] === '{'));
      if (inRecords) lines.push(line);
      stack.push(ch);
    } else if (ch === ']' || ch === '}') stack.pop();
  }
  return lines;
}
