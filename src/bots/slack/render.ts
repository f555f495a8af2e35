/**
 * A View as a Slack message (Block Kit plus a `text` fallback), one screen first: at most 12
 * blocks and 2,000 characters. What does not fit is left out whole (core first-screen), each
 * list saying "+N more"; nothing is cut inside a word, a date or a number. Slack's own limits
 * stay enforced below for anything larger (several messages, the footer on the last).
 */
import type { types } from '@slack/bolt';
import { clipAtWord, firstScreen, nextAfterShown } from '../../core/first-screen.ts';
import { type Messages, messagesFor } from '../../core/i18n/messages.ts';
import type { SourceRef, View, ViewField, ViewItem, ViewSection } from '../../core/view.ts';
import { SLACK_LIMITS as L } from './limits.ts';
import { encodeMoreValue, MORE_ACTION_ID, savedPageValue } from './more-value.ts';
import { escapeTruncated, plainText, sourceLink } from './mrkdwn.ts';
import { COMMAND_ACTION_ID, encodeCommandValue, encodePageValue, PAGE_ACTION_ID } from './page-value.ts';
import { SHARE_ACTION_ID, type ShareButton } from './share-value.ts';

type Block = types.KnownBlock;

export interface SlackMessage {
  text: string;
  blocks: Block[];
  /** Queries of buttons too long for their value: saved in the store before the message is sent. */
  saves?: string[];
}

export interface RenderOptions {
  /** At most this many messages (a response_url takes 5); the rest is cut with a note. */
  maxMessages?: number;
  /** A private answer's Share button, and a line saying its map comes when it is shared. */
  share?: ShareButton | undefined;
}

/** One screen: the first message's blocks and characters. */
export const SCREEN = { blocks: 12, chars: 2000 };

const BADGE_MARKS: Record<NonNullable<ViewItem['badges']>[number], string> = {
  disputed: ':warning:',
  retracted: ':no_entry:',
  corrected: ':arrows_counterclockwise:',
  updated: ':pencil2:',
  new: ':new:',
  late: ':hourglass:',
};

/** Characters a reader sees in a message's blocks. */
export function blockChars(blocks: Block[]): number {
  let n = 0;
  const add = (t: unknown) => {
    if (t && typeof t === 'object' && 'text' in t && typeof t.text === 'string') n += t.text.length;
  };
  for (const block of blocks) {
    const b = block as { text?: unknown; fields?: unknown[]; elements?: unknown[] };
    add(b.text);
    for (const f of b.fields ?? []) add(f);
    for (const e of b.elements ?? []) {
      add(e);
      if (e && typeof e === 'object' && 'text' in e) add((e as { text: unknown }).text);
    }
  }
  return n;
}

const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text, verbatim: true });
const section = (text: string): Block => ({ type: 'section', text: mrkdwn(text) });

/**
 * Texts already written in this call, by the item or field they show: finding the first screen
 * renders the view again for each entry it leaves out, and the entries kept are the same objects,
 * so each is escaped and written once (a long answer's rendering was most of the bot's own work).
 */
type Written = WeakMap<ViewItem | ViewField, string>;

export function renderView(view: View, options: RenderOptions = {}): SlackMessage[] {
  const m = messagesFor(view.language ?? 'en');
  const written: Written = new WeakMap();
  // Next goes on after what the screen shows, so a candidate is measured with its own buttons.
  const withNext = (candidate: View) => nextAfterShown(view, candidate, m);
  const fits = (candidate: View) => {
    const rendered = renderAll(withNext(candidate), m, options, written);
    return rendered.length === 1 && blocksFit(rendered[0]?.blocks ?? []);
  };
  const first = firstScreen(view, fits, m);
  // More pages through the whole answer when the first screen left anything out.
  const hid = first.hidden > 0 || first.view !== view;
  const saves: string[] = [];
  const messages = renderAll(
    { ...withNext(first.view), moreAction: hid ? view.moreAction : undefined },
    m,
    options,
    written,
    saves,
  );
  return withSaves(messages, saves);
}

/** The queries to save go with the first message. */
export function withSaves(messages: SlackMessage[], saves: string[]): SlackMessage[] {
  if (saves.length === 0 || messages.length === 0) return messages;
  return [{ ...(messages[0] as SlackMessage), saves }, ...messages.slice(1)];
}

export function blocksFit(blocks: Block[]): boolean {
  return blocks.length <= SCREEN.blocks && blockChars(blocks) <= SCREEN.chars;
}

export function renderAll(
  view: View,
  m: Messages,
  options: RenderOptions,
  written: Written,
  saves: string[] = [],
): SlackMessage[] {
  const head = headBlocks(view);
  const tail = tailBlocks(view, m, saves, options.share);
  const more: Block[] = view.more ? [section(`_${escapeTruncated(view.more, 100)}_`)] : [];
  let body = [...view.sections.flatMap((s) => sectionBlocks(s, false, m, written)), ...more];
  if (head.length + body.length + tail.length > SCREEN.blocks) {
    body = [...view.sections.flatMap((s) => sectionBlocks(s, true, m, written)), ...more];
  }
  const chunks: Block[][] = [];
  let current: Block[] = [...head];
  for (const block of body) {
    if (current.length >= L.blocksPerMessage) {
      chunks.push(current);
      current = [];
    }
    current.push(block);
  }
  if (current.length + tail.length > L.blocksPerMessage) {
    chunks.push(current);
    current = [];
  }
  chunks.push([...current, ...tail]);

  const max = options.maxMessages ?? Number.POSITIVE_INFINITY;
  if (chunks.length > max) {
    const kept = chunks.slice(0, max);
    const last = kept[kept.length - 1] as Block[];
    const note: Block = {
      type: 'context',
      elements: [
        mrkdwn('_This answer is too long for Slack and was cut here. Narrow it, for example with from: and to:._'),
      ],
    };
    // Make room for the note and the footer/buttons on the last kept message.
    const room = L.blocksPerMessage - 1 - tail.length;
    kept[kept.length - 1] = [...last.slice(0, room), note, ...tail];
    return kept.map((blocks, i) => ({ text: fallback(view, i, kept.length), blocks }));
  }
  return chunks.map((blocks, i) => ({ text: fallback(view, i, chunks.length), blocks }));
}

function fallback(view: View, index: number, count: number): string {
  const part = count > 1 ? ` (${index + 1}/${count})` : '';
  const summary = index === 0 && view.summary ? `: ${view.summary}` : '';
  // Escaping lengthens the text at most fivefold; a cut, if any, falls between words.
  return escapeTruncated(clipAtWord(`${view.title}${part}${summary}`, L.fallbackText / 5), L.fallbackText);
}

function headBlocks(view: View): Block[] {
  const blocks: Block[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: plainText(clipAtWord(view.title || 'Sitrep', L.headerText), L.headerText) },
    },
  ];
  if (view.summary) blocks.push(section(escapeTruncated(view.summary, L.sectionText)));
  return blocks;
}

function tailBlocks(view: View, m: Messages, saves: string[], share?: ShareButton): Block[] {
  const blocks: Block[] = [];
  const context: string[] = [];
  if (view.map && view.map.marks.length > 0) {
    const text = m.t('map.marks', { count: view.map.marks.length, center: view.map.center.label });
    const line = share ? `${text}. ${share.mapNote}` : text;
    context.push(`:round_pushpin: ${escapeTruncated(line, 300)}`);
  }
  if (view.footer) {
    const footer = view.sourcesNote ? `${view.footer} ${m.t('view.sources-more')}` : view.footer;
    context.push(escapeTruncated(footer, L.contextText));
  }
  if (view.page && view.page.number > 1) context.push(m.t('timeline.page', { page: view.page.number }));
  if (context.length) blocks.push({ type: 'context', elements: context.slice(0, L.contextElements).map(mrkdwn) });

  const buttons: types.Button[] = [];
  for (const action of view.actions ?? []) {
    const value = encodePageValue(action) ?? savedPageValue(action, saves);
    if (buttons.length >= L.actionsElements) continue;
    buttons.push({
      type: 'button',
      action_id: `${PAGE_ACTION_ID}:${buttons.length}`,
      text: { type: 'plain_text', text: plainText(action.label, L.buttonText) },
      value,
    });
  }
  if (view.moreAction && buttons.length < L.actionsElements)
    buttons.push({
      type: 'button',
      action_id: MORE_ACTION_ID,
      text: { type: 'plain_text', text: plainText(m.t('button.more'), L.buttonText) },
      value: encodeMoreValue(view.moreAction, saves),
    });
  if (buttons.length) blocks.push({ type: 'actions', block_id: 'sitrep_pages', elements: buttons });
  const commands: types.Button[] = [];
  for (const action of view.buttons ?? []) {
    const value = encodeCommandValue(action);
    if (value === undefined || commands.length >= L.actionsElements) continue;
    commands.push({
      type: 'button',
      action_id: `${COMMAND_ACTION_ID}:${commands.length}`,
      text: { type: 'plain_text', text: plainText(action.label, L.buttonText) },
      value,
      ...(action.style ? { style: action.style } : {}),
    });
  }
  if (commands.length) blocks.push({ type: 'actions', block_id: 'sitrep_commands', elements: commands });
  if (share) addShareButton(blocks, share);
  return blocks;
}

/** The Share button goes beside the answer's other buttons, or in a row of its own. */
function addShareButton(blocks: Block[], share: ShareButton): void {
  const button: types.Button = {
    type: 'button',
    action_id: SHARE_ACTION_ID,
    text: { type: 'plain_text', text: plainText(share.label, L.buttonText) },
    value: share.value,
    style: 'primary',
  };
  const last = blocks[blocks.length - 1];
  if (last?.type === 'actions' && last.elements.length < L.actionsElements) last.elements.push(button);
  else blocks.push({ type: 'actions', block_id: 'sitrep_share', elements: [button] });
}

/** A heading and its fields and items; `packed` puts as many items in one section as fit. */
function sectionBlocks(s: ViewSection, packed: boolean, m: Messages, written: Written): Block[] {
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
  return `${f.disputed ? ':warning: ' : ''}${[link, label].filter(Boolean).join(' ')}: *${escapeTruncated(clipAtWord(f.value, 1000), 6000)}*${tail.length ? `\n_${tail.join(' · ')}_` : ''}`;
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
