/**
 * More: the whole answer (every detail, source title and link, claim and history line), cut into
 * consecutive screens that each fit where the first screen does. The first screen (first-screen.ts)
 * stays the overview; the More screens follow it, numbered from 2, and go through the full view
 * from its start, each entry on exactly one of them, in order. Screens are cut between entries,
 * never inside one; an entry too long for a screen of its own is shortened as a first screen
 * shortens it (its text at a word, then without details), so nothing is cut inside a word.
 */
import { clipAtWord, compactField, compactItem } from './first-screen.ts';
import type { Messages } from './i18n/messages.ts';
import type { View, ViewField, ViewItem, ViewMoreAction, ViewSection } from './view.ts';

/** One thing a More screen shows: the summary, a figure, an event, or a section with nothing in it. */
type Entry =
  | { kind: 'summary'; text: string }
  | { kind: 'field'; section: number; field: ViewField }
  | { kind: 'item'; section: number; item: ViewItem }
  | { kind: 'empty'; section: number };

/** A detail text longer than this is shortened at a word when its entry does not fit a screen whole. */
const DETAIL_CHARS = 400;

/** The More button of an answer: its command run again with the same options, screen 2 first. */
export function moreActionFor(command: string, raw: Record<string, unknown>): ViewMoreAction {
  const args: ViewMoreAction['args'] = {};
  let cursor: string | undefined;
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'cursor' && typeof value === 'string') cursor = value;
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') args[key] = value;
  }
  return { kind: 'more', command, args, ...(cursor ? { cursor } : {}), part: 2 };
}

/**
 * The More screens of `full`, in order (screen 2 first): each one accepted by `fits`, the
 * last without a More button. Always at least one screen (an answer that now fits whole is one).
 */
export function moreScreens(full: View, fits: (screen: View) => boolean, m: Messages): View[] {
  const entries = entriesOf(full);
  // Measured with the widest part label and a More button, so the real ones always fit.
  const measure = (shown: Entry[]) => fits(screenOf(full, shown, m, 99, 99, true));
  const screens: Entry[][] = [];
  let current: Entry[] = [];
  for (const entry of entries) {
    if (measure([...current, entry])) {
      current.push(entry);
      continue;
    }
    if (current.length > 0) screens.push(current);
    current = [alone(entry, measure)];
  }
  if (current.length > 0 || screens.length === 0) screens.push(current);
  const count = screens.length + 1;
  return screens.map((shown, i) => screenOf(full, shown, m, i + 2, count, i + 2 < count));
}

/** Screen `part` (2 and on) of the full answer; past the last (the answer has shrunk since), the last. */
export function moreScreen(full: View, part: number, fits: (screen: View) => boolean, m: Messages): View {
  const screens = moreScreens(full, fits, m);
  return screens[Math.min(Math.max(part, 2), screens.length + 1) - 2] as View;
}

function entriesOf(full: View): Entry[] {
  const entries: Entry[] = full.summary?.trim() ? [{ kind: 'summary', text: full.summary }] : [];
  for (const [section, s] of full.sections.entries()) {
    for (const field of s.fields ?? []) entries.push({ kind: 'field', section, field });
    for (const item of s.items ?? []) entries.push({ kind: 'item', section, item });
    if (!s.fields?.length && !s.items?.length) entries.push({ kind: 'empty', section });
  }
  return entries;
}

/** The entry as it is if it fits a screen alone, else shortened step by step (the last step whatever it takes). */
function alone(entry: Entry, measure: (shown: Entry[]) => boolean): Entry {
  const steps = shorter(entry);
  for (const step of steps) if (measure([step])) return step;
  return steps[steps.length - 1] as Entry;
}

function shorter(entry: Entry): Entry[] {
  if (entry.kind === 'summary') return [entry, { ...entry, text: clipAtWord(entry.text, DETAIL_CHARS) }];
  if (entry.kind === 'field') return [entry, { ...entry, field: compactField(entry.field) }];
  if (entry.kind === 'empty') return [entry];
  const { item } = entry;
  const clipped = item.text ? { ...item, text: clipAtWord(item.text, DETAIL_CHARS) } : item;
  return [
    entry,
    { ...entry, item: clipped },
    { ...entry, item: { ...clipped, text: undefined } },
    { ...entry, item: compactItem(item) },
  ];
}

function screenOf(full: View, shown: Entry[], m: Messages, part: number, count: number, hasMore: boolean): View {
  const sections: ViewSection[] = [];
  const at = new Map<number, ViewSection>();
  let summary: string | undefined;
  for (const entry of shown) {
    if (entry.kind === 'summary') {
      summary = entry.text;
      continue;
    }
    let s = at.get(entry.section);
    if (!s) {
      const source = full.sections[entry.section] as ViewSection;
      // A section that goes on from the previous screen shows its heading again.
      s = { heading: source.heading, empty: source.empty };
      at.set(entry.section, s);
      sections.push(s);
    }
    if (entry.kind === 'field') s.fields = [...(s.fields ?? []), entry.field];
    else if (entry.kind === 'item') s.items = [...(s.items ?? []), entry.item];
  }
  const position = m.t('more.part', { part, count });
  return {
    kind: full.kind,
    language: full.language,
    title: full.title,
    summary,
    sections,
    footer: full.footer?.trim() ? `${full.footer} · ${position}` : position,
    moreAction: hasMore && full.moreAction ? { ...full.moreAction, part: part + 1 } : undefined,
  };
}
