/**
 * A View as Slack messages (Block Kit plus a `text` fallback). Slack's limits are enforced here:
 * a View that does not fit one message (50 blocks) first has its items packed several to a
 * section, then is split over as many messages as needed, the header on the first and the
 * footer and page buttons on the last.
 */
import type { types } from '@slack/bolt';
import type { SourceRef, View, ViewField, ViewItem, ViewSection } from '../../core/view.ts';
import { SLACK_LIMITS as L } from './limits.ts';
import { escapeTruncated, plainText, sourceLink } from './mrkdwn.ts';
import { encodePageValue, PAGE_ACTION_ID } from './page-value.ts';

type Block = types.KnownBlock;

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export interface RenderOptions {
  /** At most this many messages (a response_url takes 5); the rest is cut with a note. */
  maxMessages?: number;
}

const BADGES: Record<NonNullable<ViewItem['badges']>[number], string> = {
  disputed: ':warning: *disputed*',
  retracted: ':no_entry: *retracted*',
  corrected: ':arrows_counterclockwise: corrected',
  updated: ':pencil2: updated',
  new: ':new: new',
  late: ':hourglass: reported late',
};

const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text, verbatim: true });
const section = (text: string): Block => ({ type: 'section', text: mrkdwn(text) });

export function renderView(view: View, options: RenderOptions = {}): SlackMessage[] {
  const head = headBlocks(view);
  const tail = tailBlocks(view);
  let body = view.sections.flatMap((s) => sectionBlocks(s, false));
  if (head.length + body.length + tail.length > L.blocksPerMessage) {
    body = view.sections.flatMap((s) => sectionBlocks(s, true));
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
  return escapeTruncated(`${view.title}${part}${summary}`, L.fallbackText);
}

function headBlocks(view: View): Block[] {
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: plainText(view.title || 'Sitrep', L.headerText) } },
  ];
  if (view.summary) blocks.push(section(escapeTruncated(view.summary, L.sectionText)));
  return blocks;
}

function tailBlocks(view: View): Block[] {
  const blocks: Block[] = [];
  const context: string[] = [];
  if (view.map) {
    const m = view.map;
    const radius = m.radiusKm !== undefined ? ` within ${m.radiusKm} km` : '';
    context.push(
      `:round_pushpin: ${escapeTruncated(`${m.marks.length} marked places${radius} around ${m.center.label}`, 300)}`,
    );
  }
  if (view.footer) context.push(escapeTruncated(view.footer, L.contextText));
  if (view.page) context.push(`Page ${view.page.number}`);
  if (context.length) blocks.push({ type: 'context', elements: context.slice(0, L.contextElements).map(mrkdwn) });

  const buttons: types.Button[] = [];
  for (const action of view.actions ?? []) {
    const value = encodePageValue(action);
    if (value === undefined || buttons.length >= L.actionsElements) continue;
    buttons.push({
      type: 'button',
      action_id: `${PAGE_ACTION_ID}:${buttons.length}`,
      text: { type: 'plain_text', text: plainText(action.label, L.buttonText) },
      value,
    });
  }
  if (buttons.length) blocks.push({ type: 'actions', block_id: 'sitrep_pages', elements: buttons });
  return blocks;
}

/** A heading and its fields and items; `packed` puts as many items in one section as fit. */
function sectionBlocks(s: ViewSection, packed: boolean): Block[] {
  const heading = `*${escapeTruncated(s.heading, 200)}*`;
  const blocks: Block[] = [];
  const fields = (s.fields ?? []).map(fieldText);
  const items = (s.items ?? []).map(itemText);
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
    if (!first) blocks.push(section(heading));
    for (const text of items) blocks.push(section(text));
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

function sourcesLine(sources: SourceRef[], budget: number): string {
  if (!sources.length) return '';
  let line = sources.length > 1 ? 'Sources: ' : 'Source: ';
  for (let i = 0; i < sources.length; i++) {
    const piece = `${i ? ' · ' : ''}${sourceLink(sources[i] as SourceRef)}`;
    const more = ` · +${sources.length - i} more`;
    if (line.length + piece.length + (i < sources.length - 1 ? more.length : 0) > budget) {
      return `${line}${more}`;
    }
    line += piece;
  }
  return line;
}

function fieldText(f: ViewField): string {
  const lines = [`*${escapeTruncated(f.label, 150)}*${f.disputed ? '  :warning: *disputed*' : ''}`];
  lines.push(escapeTruncated(f.value, 1000));
  if (f.asOf) lines.push(`_as of ${escapeTruncated(f.asOf, 40)}_`);
  const sources = sourcesLine(f.sources ?? [], 700);
  if (sources) lines.push(`_${sources}_`);
  return lines.join('\n');
}

/** One item: at most 3000 characters by construction (the budgets below add up to less). */
function itemText(item: ViewItem): string {
  const when = item.when ? `*${escapeTruncated(item.when, 60)}* · ` : '';
  const badges = (item.badges ?? []).map((b) => BADGES[b]).join('  ');
  const title = item.badges?.includes('retracted')
    ? `~${escapeTruncated(item.title, 300)}~`
    : `*${escapeTruncated(item.title, 300)}*`;
  const lines = [`${when}${title}${badges ? `  ${badges}` : ''}`];
  if (item.place) lines.push(`:round_pushpin: ${escapeTruncated(item.place, 150)}`);
  const claims = (item.claims ?? []).slice(0, 4).map((c) => `• ${escapeTruncated(c, 180)}`);
  if (item.claims && item.claims.length > 4) claims.push(`• +${item.claims.length - 4} more claims`);
  if (claims.length) claims.unshift('_Sources disagree:_');
  const sources = sourcesLine(item.sources, 900);
  const used = lines.join('\n').length + claims.join('\n').length + sources.length + 10;
  if (item.text) lines.push(escapeTruncated(item.text, Math.max(0, L.sectionText - used)));
  lines.push(...claims);
  if (sources) lines.push(`_${sources}_`);
  return lines.join('\n');
}
