/**
 * A View's sections as Slack blocks: figures as section fields, events as items (date, title,
 * badges, place, short linked sources, claims, text), each within Slack's limits by construction.
 */
import type { types } from '@slack/bolt';
import { clipAtWord } from '../../core/first-screen.ts';
import type { Messages } from '../../core/i18n/messages.ts';
import type { SourceRef, ViewField, ViewItem, ViewSection } from '../../core/view.ts';
import { SLACK_LIMITS as L } from './limits.ts';
import { escapeTruncated, sourceLink } from './mrkdwn.ts';

type Block = types.KnownBlock;

const BADGE_MARKS: Record<NonNullable<ViewItem['badges']>[number], string> = {
  disputed: ':warning:',
  retracted: ':no_entry:',
  corrected: ':arrows_counterclockwise:',
  updated: ':pencil2:',
  new: ':new:',
  late: ':hourglass:',
};

export const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text, verbatim: true });
export const section = (text: string): Block => ({ type: 'section', text: mrkdwn(text) });

/**
 * Texts already written in this call, by the item or field they show: finding the first screen
 * renders the view again for each entry it leaves out, and the entries kept are the same objects,
 * so each is escaped and written once (a long answer's rendering was most of the bot's own work).
 */
export type Written = WeakMap<ViewItem | ViewField, string>;

export function sectionBlocks(s: ViewSection, packed: boolean, m: Messages, written: Written): Block[] {
  const heading = `*${escapeTruncated(s.heading, 200)}*`;
  const blocks: Block[] = [];
  const once = <T extends ViewItem | ViewField>(entry: T, write: (entry: T, m: Messages) => string) => {
    let text = written.get(entry);
    if (text === undefined) {
      text = write(entry, m);
      written.set(entry, text);
    }
    return text;
  };
  const fields = (s.fields ?? []).map((f) => once(f, fieldText));
  const items = (s.items ?? []).map((i) => once(i, itemText));
  // "+N more" closes the list it counts: a field beside figures, a line under items.
  const more = s.more ? `_${escapeTruncated(s.more, 100)}_` : undefined;
  if (more && fields.length > 0 && items.length === 0) fields.push(more);
  else if (more) items.push(more);
  if (!fields.length && !items.length) {
    const empty = s.empty ? `\n_${escapeTruncated(s.empty, 1000)}_` : '';
    return [section(`${heading}${empty}`)];
  }
  for (let i = 0; i < fields.length; i += L.sectionFields) {
    blocks.push({ type: 'section', fields: fields.slice(i, i + L.sectionFields).map(mrkdwn) });
  }
  // The heading leads the section: on the first block of fields, else on its own or atop the items.
  const first = blocks[0] as types.SectionBlock | undefined;
  if (first) first.text = mrkdwn(heading);
  if (!packed) {
    for (const [i, text] of items.entries()) blocks.push(section(i === 0 && !first ? `${heading}\n${text}` : text));
    return blocks;
  }
  let text = first ? '' : heading;
  for (const item of items) {
    if (text && text.length + 2 + item.length > L.sectionText) {
      blocks.push(section(text));
      text = item;
    } else text = text ? `${text}\n\n${item}` : item;
  }
  if (text) blocks.push(section(text));
  return blocks;
}

/** Short source names, linked where a URL is known; whole names only, the rest counted. */
function sourcesLine(sources: SourceRef[], budget: number, m: Messages, moreSources = 0): string {
  if (!sources.length) return '';
  let line = '';
  for (let i = 0; i < sources.length; i++) {
    const piece = `${i ? ', ' : ''}${sourceLink(sources[i] as SourceRef, m)}`;
    const more = ` ${m.t('more.count', { count: sources.length - i + moreSources })}`;
    if (line && line.length + piece.length + (i < sources.length - 1 ? more.length : 0) > budget) {
      return `${line}${more}`;
    }
    line += piece;
  }
  return moreSources > 0 ? `${line} ${m.t('more.count', { count: moreSources })}` : line;
}

function fieldText(f: ViewField, m: Messages): string {
  const tail = [
    f.asOf ? m.t('view.as-of', { date: escapeTruncated(clipAtWord(m.date(f.asOf), 40), 240) }) : '',
    sourcesLine(f.sources ?? [], 700, m),
  ].filter(Boolean);
  const label = escapeTruncated(clipAtWord(f.label, 150), 900);
  // A channel id (C…, G…) becomes a link to the channel; anything else stays text.
  const link = f.channel
    ? /^[CG][A-Z0-9]{1,20}$/.test(f.channel)
      ? `<#${f.channel}>`
      : escapeTruncated(f.channel, 40)
    : '';
  return `${f.disputed ? ':warning: ' : ''}${[link, label].filter(Boolean).join(' ')}${m.t('view.colon')} *${escapeTruncated(clipAtWord(f.value, 1000), 6000)}*${tail.length ? `\n_${tail.join(' · ')}_` : ''}`;
}

/** One item: at most 3000 characters by construction (the budgets below add up to less). */
function itemText(item: ViewItem, m: Messages): string {
  const when = item.when ? `*${escapeTruncated(clipAtWord(item.when, 60), 360)}* · ` : '';
  const badges = (item.badges ?? []).map((b) => `${BADGE_MARKS[b]} ${m.t(`badge.${b}`)}`).join('  ');
  const title = item.badges?.includes('retracted')
    ? `~${escapeTruncated(clipAtWord(item.title, 300), 1800)}~`
    : `*${escapeTruncated(clipAtWord(item.title, 300), 1800)}*`;
  const lines = [`${when}${title}${badges ? `  ${badges}` : ''}`];
  const sources = sourcesLine(item.sources, 900, m, item.moreSources);
  const where = [
    item.place ? `:round_pushpin: ${escapeTruncated(clipAtWord(item.place, 150), 900)}` : '',
    sources ? `_${sources}_` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  if (where) lines.push(where);
  const claims = (item.claims ?? []).slice(0, 4).map((c) => `• ${escapeTruncated(clipAtWord(c, 400), 2400)}`);
  if (item.claims && item.claims.length > 4) claims.push(`• ${m.t('more.count', { count: item.claims.length - 4 })}`);
  const used = lines.join('\n').length + claims.join('\n').length + 10;
  if (item.text)
    lines.push(
      escapeTruncated(
        clipAtWord(item.text, Math.max(0, (L.sectionText - used) / 2)),
        Math.max(0, L.sectionText - used),
      ),
    );
  lines.push(...claims);
  return lines.join('\n');
}
