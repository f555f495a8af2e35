/**
 * A View as terminal text. Control characters from data or users are removed so nothing can
 * move the cursor or change the terminal's colours.
 */
import { firstScreen, nextAfterShown } from '../../core/first-screen.ts';
import { type Messages, messagesFor } from '../../core/i18n/messages.ts';
import type { SourceRef, View, ViewField, ViewItem } from '../../core/view.ts';

/** One screen of a terminal: the first answer stays within about this many lines. */
export const SCREEN_LINES = 25;

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function clean(text: string): string {
  return text.replace(CONTROL, '');
}

export function formatSource(s: SourceRef, m: Messages): string {
  const date = s.date ? m.date(s.date) : undefined;
  return clean([s.publisher, s.title ? `"${s.title}"` : undefined, date, s.url].filter(Boolean).join(', '));
}

function fieldLine(f: ViewField, m: Messages): string {
  const meta = [
    f.asOf ? m.t('view.as-of', { date: m.date(f.asOf) }) : undefined,
    f.sources?.length ? m.parts(f.sources.map((s) => formatSource(s, m))) : undefined,
  ].filter((part): part is string => Boolean(part));
  return `  ${clean([f.channel, f.label].filter(Boolean).join(' '))}${m.t('view.colon')} ${clean(f.value)}${f.disputed ? ` [${m.t('view.disputed').toUpperCase()}]` : ''}${meta.length ? `\n      (${m.parts(meta)})` : ''}`;
}

function itemLines(item: ViewItem, m: Messages): string[] {
  const badges = (item.badges ?? []).map((b) => `[${m.t(`badge.${b}`).toUpperCase()}]`).join(' ');
  const head = [item.when, item.place]
    .filter(Boolean)
    .map((x) => clean(String(x)))
    .join(' · ');
  // An item with no date, place or mark (a total in a list) is one line, not an empty bullet.
  const lines =
    head || badges
      ? [`  • ${head}${badges ? ` ${badges}` : ''}`, `    ${clean(item.title)}`]
      : [`  • ${clean(item.title)}`];
  if (item.text) lines.push(`    ${clean(item.text)}`);
  for (const claim of item.claims ?? []) lines.push(`    ! ${clean(claim)}`);
  if (item.sources.length)
    lines.push(
      `    ${m.t('view.sources')}${m.t('view.colon')} ${m.parts(item.sources.map((s) => formatSource(s, m)))}`,
    );
  if (item.id) lines.push(`    id: ${clean(item.id)}`);
  return lines;
}

/** The answer's first screen (about 25 lines, saying "+N more"), or the whole of it with `full`. */
export function renderText(view: View, options: { full?: boolean } = {}): string {
  const m = messagesFor(view.language ?? 'en');
  if (options.full) return renderAll(view, m, true);
  // The next page's command goes on after what the screen shows, so it is measured with it.
  const withNext = (candidate: View) => nextAfterShown(view, candidate, m);
  const fits = (candidate: View) => renderAll(withNext(candidate), m).split('\n').length <= SCREEN_LINES;
  const shown = firstScreen(view, fits, m);
  if (shown.view === view) return renderAll(withNext(view), m);
  // "--full for the whole answer" says what the sources note would: one hint, not two.
  return `${renderAll(withNext(shown.view), m, true)}\n${m.t('view.full-hint')}`;
}

/** `noSourcesNote`: the whole answer is shown (every source with it), or the hint to it follows. */
function renderAll(view: View, m: Messages, noSourcesNote = false): string {
  const out: string[] = [clean(view.title), '='.repeat(Math.min(72, view.title.length))];
  if (view.summary) out.push(clean(view.summary));
  for (const section of view.sections) {
    out.push('', `-- ${clean(section.heading)} --`);
    const fields = section.fields ?? [];
    const items = section.items ?? [];
    for (const f of fields) out.push(fieldLine(f, m));
    for (const item of items) out.push(...itemLines(item, m));
    if (section.more) out.push(`  ${clean(section.more)}`);
    else if (fields.length === 0 && items.length === 0 && section.empty) out.push(`  ${clean(section.empty)}`);
  }
  if (view.more) out.push('', clean(view.more));
  for (const action of view.actions ?? []) {
    const args = Object.entries(action.args).map(([k, v]) => `--${k.replace(/_/g, '-')} ${JSON.stringify(String(v))}`);
    const command = `sitrep ${action.command} ${[...args, `--cursor ${action.cursor}`].join(' ')}`;
    out.push('', m.t('view.page-command', { label: action.label, command }));
  }
  // No More button here: the first screen points to --full, which lists every source.
  const note = view.sourcesNote && !noSourcesNote ? ` ${m.t('view.sources-full')}` : '';
  if (view.footer) out.push('', clean(`${view.footer}${note}`));
  return out.join('\n');
}
