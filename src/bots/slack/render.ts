/**
 * A View as a Slack message (Block Kit plus a `text` fallback), one screen first: at most 12
 * blocks and 2,000 characters. What does not fit is left out whole (core first-screen), each
 * list saying "+N more"; nothing is cut inside a word, a date or a number. Slack's own limits
 * stay enforced below for anything larger (several messages, the footer on the last).
 */
import type { types } from '@slack/bolt';
import { clipAtWord, firstScreen, nextAfterShown } from '../../core/first-screen.ts';
import { type Messages, messagesFor } from '../../core/i18n/messages.ts';
import type { View } from '../../core/view.ts';
import { SLACK_LIMITS as L } from './limits.ts';
import { encodeMoreValue, MORE_ACTION_ID, savedPageValue } from './more-value.ts';
import { escapeTruncated, plainText } from './mrkdwn.ts';
import { COMMAND_ACTION_ID, encodeCommandValue, encodePageValue, PAGE_ACTION_ID } from './page-value.ts';
import { mrkdwn, section, sectionBlocks, type Written } from './render-sections.ts';
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
