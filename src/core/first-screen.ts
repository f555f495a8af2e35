/**
 * One screen first: the part of a View a platform shows in its first message. Detail that has a
 * place under More (event details, claims, source titles) goes first; then whole items and
 * figures are dropped, from the longest lists, and each section says "+N more". Nothing is cut
 * inside a word, a date or a number; what is dropped is one "More" away.
 */
import { encodeCursor } from './cursor.ts';
import type { Messages } from './i18n/messages.ts';
import type { View, ViewField, ViewItem, ViewPageAction, ViewSection } from './view.ts';

export interface FirstScreen {
  view: View;
  /** Items and figures left for More. */
  hidden: number;
}

/** A first screen never shows more entries than this in one list; the rest are counted at once. */
const MAX_LISTED = 20;
/** A summary longer than this is shortened at a word on a first screen (it is whole under More). */
const SUMMARY_CHARS = 400;

/** The view's lists shortened to the first items and figures: events keep date, title, place, badges, two sources. */
export function compactView(view: View): View {
  return {
    ...view,
    summary: view.summary ? clipAtWord(view.summary, SUMMARY_CHARS) : undefined,
    sections: view.sections.map((s) => ({
      ...s,
      items: s.items?.map(compactItem),
      fields: s.fields?.map(compactField),
    })),
  };
}

/** An event as a first screen lists it: date, title, place, badges, two sources by name. */
export function compactItem(item: ViewItem): ViewItem {
  return {
    ...item,
    text: undefined,
    claims: undefined,
    sources: item.sources.slice(0, 2).map((source) => ({ ...source, title: undefined })),
    moreSources: item.sources.length > 2 ? item.sources.length - 2 : undefined,
  };
}

/** A figure as a first screen lists it: its first source only. */
export function compactField(field: ViewField): ViewField {
  return { ...field, sources: field.sources?.slice(0, 1) };
}

const entries = (s: ViewSection) => (s.items?.length ?? 0) + (s.fields?.length ?? 0);

/**
 * Drops one entry: from the longest list while any has more than one (the later one on a tie),
 * so every section keeps its first entry as long as possible; then the last section's last
 * entry. False when nothing is left to drop.
 */
function dropOne(sections: ViewSection[], hiddenBySection: number[]): boolean {
  let target = -1;
  for (const [i, s] of sections.entries()) {
    if (entries(s) < 2) continue;
    if (target < 0 || entries(s) >= entries(sections[target] as ViewSection)) target = i;
  }
  if (target < 0) target = sections.findLastIndex((s) => entries(s) > 0);
  if (target < 0) return false;
  const s = sections[target] as ViewSection;
  // Events before figures are kept: the figure list of a section is shortened first, from its end.
  sections[target] = s.fields?.length
    ? { ...s, fields: s.fields.slice(0, -1) }
    : { ...s, items: (s.items ?? []).slice(0, -1) };
  hiddenBySection[target] = (hiddenBySection[target] ?? 0) + 1;
  return true;
}

/**
 * The largest first screen that `fits` accepts: the view itself, else its compact form, else the
 * compact form with entries dropped one by one (each section saying how many it left out).
 */
export function firstScreen(view: View, fits: (candidate: View) => boolean, m: Messages): FirstScreen {
  if (fits(view)) return { view, hidden: 0 };
  const compact = compactView(view);
  if (fits(compact)) return { view: compact, hidden: 0 };
  const hiddenBySection: number[] = compact.sections.map((s) => Math.max(0, entries(s) - MAX_LISTED));
  const sections = compact.sections.map((s) => {
    const fields = (s.fields ?? []).slice(0, MAX_LISTED);
    return { ...s, fields: s.fields && fields, items: s.items?.slice(0, Math.max(0, MAX_LISTED - fields.length)) };
  });
  // A section with every entry left out is left out whole; the screen counts it at its end.
  const withMore = (): View => {
    const shown: ViewSection[] = [];
    let hiddenWhole = 0;
    for (const [i, s] of sections.entries()) {
      const hidden = hiddenBySection[i] ?? 0;
      if (hidden > 0 && entries(s) === 0) hiddenWhole += hidden;
      else shown.push(hidden > 0 ? { ...s, more: m.t('more.count', { count: hidden }) } : s);
    }
    return {
      ...compact,
      sections: shown,
      more: hiddenWhole > 0 ? m.t('more.count', { count: hiddenWhole }) : undefined,
    };
  };
  let candidate = withMore();
  while (!fits(candidate) && dropOne(sections, hiddenBySection)) candidate = withMore();
  return { view: candidate, hidden: hiddenBySection.reduce((a, b) => a + b, 0) };
}

/** At most `max` characters, cut at a space and marked "…": for a single text longer than a whole screen. */
export function clipAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max - 2));
  const space = cut.search(/\s\S*$/);
  return `${(space > 0 ? cut.slice(0, space) : '').trimEnd()} …`;
}

const itemCount = (view: View) => view.sections.reduce((n, s) => n + (s.items?.length ?? 0), 0);

/**
 * A paged list whose first screen shows only its first items gets a Next button that goes on
 * right after the last one shown, so what the screen left out opens the next page instead of
 * being passed over.
 */
export function nextAfterShown(full: View, shown: View, m: Messages): View {
  const continuation = full.page?.continuation;
  const shownItems = itemCount(shown);
  if (!continuation || shownItems === 0 || shownItems >= itemCount(full)) return shown;
  const { firstKey } = continuation;
  const cursor = encodeCursor({
    direction: 'after',
    page: (full.page?.number ?? 1) + 1,
    key: firstKey,
    // The key is the first item's own: the items after it that were shown are passed over.
    skip: firstKey ? shownItems - 1 : shownItems,
  });
  const next: ViewPageAction = {
    kind: 'page',
    label: m.t('button.next'),
    command: continuation.command,
    args: continuation.args,
    cursor,
  };
  const previous = (full.actions ?? []).filter((a) => !a.cursor.startsWith('a'));
  return { ...shown, actions: [...previous, next] };
}
