/**
 * View → Discord message: one embed of at most 1,500 characters (one screen), and its buttons.
 * What does not fit is left out whole (core first-screen: details first, then the last items
 * of the longest lists, each list saying "+N more"), never cut inside a word, date or number.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
  MessageFlags,
} from 'discord-api-types/v10';
import { clipAtWord, firstScreen, nextAfterShown } from '../../core/first-screen.ts';
import { type Messages, messagesFor } from '../../core/i18n/messages.ts';
import type { SourceRef, View, ViewField, ViewItem, ViewSection } from '../../core/view.ts';
import { encodeCommandId, encodeMoreId, encodePageId } from './custom-id.ts';
import { safeText, safeUrl } from './escape.ts';
import { embedChars, LIMITS } from './limits.ts';
import { savedButtonId } from './saved-buttons.ts';

export interface RenderedMessage {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  allowed_mentions: { parse: [] };
  flags?: number;
  /** Queries of buttons too long for their custom id: saved in the store before the message is sent. */
  saves?: string[];
}

export interface RenderOptions {
  /** Only the caller sees it (Discord's ephemeral flag). */
  private?: boolean;
  /** Carried in the footer so a sent post can be found again. */
  marker?: string;
}

/** One screen: the first message's embed stays within this many characters. */
export const SCREEN_CHARS = 1500;

const COLORS: Record<View['kind'], number> = {
  status: 0x2b6cb0,
  timeline: 0x4a5568,
  location: 0x2f855a,
  digest: 0x6b46c1,
  suggestions: 0xb7791f,
  message: 0x4a5568,
  error: 0xc53030,
};

const BADGE_MARKS: Record<NonNullable<ViewItem['badges']>[number], string> = {
  disputed: '⚠️',
  retracted: '⛔',
  corrected: '↩️',
  updated: '✏️',
  new: '🆕',
  late: '⏱️',
};

/**
 * Lines already rendered in this call, by the item or field they show: finding the first screen
 * renders the view again for each entry it leaves out, and the entries kept are the same objects,
 * so each is escaped and written once (a long answer's rendering was most of the bot's own work).
 */
type Rendered = WeakMap<ViewItem | ViewField, string>;

export function renderView(view: View, options: RenderOptions = {}): RenderedMessage {
  const m = messagesFor(view.language ?? 'en');
  const rendered: Rendered = new WeakMap();
  const first = firstScreen(view, screenFits(m, options.marker, rendered), m);
  // More pages through the whole answer when the first screen left anything out.
  const hid = first.hidden > 0 || first.view !== view;
  // Next goes on right after what the screen shows (nothing left out is passed over).
  const shown = { ...nextAfterShown(view, first.view, m), moreAction: hid ? view.moreAction : undefined };
  return messageOf(shown, m, options, rendered);
}

/** Whether a view's embed is within one screen (and Discord's description limit). */
export function screenFits(m: Messages, marker?: string, rendered: Rendered = new WeakMap()) {
  return (candidate: View) => {
    const embed = renderEmbed(candidate, m, marker, rendered);
    return embedChars(embed) <= SCREEN_CHARS && (embed.description ?? '').length <= LIMITS.embedDescription;
  };
}

/** The message of a view already cut to one screen: its embed and buttons. */
export function messageOf(
  shown: View,
  m: Messages,
  options: RenderOptions = {},
  rendered: Rendered = new WeakMap(),
): RenderedMessage {
  const saves: string[] = [];
  const components = renderActions(shown, m, saves);
  const message: RenderedMessage = {
    embeds: [lastResort(renderEmbed(shown, m, options.marker, rendered))],
    components,
    allowed_mentions: { parse: [] },
  };
  if (saves.length > 0) message.saves = saves;
  if (options.private) message.flags = MessageFlags.Ephemeral;
  return message;
}

function renderActions(view: View, m: Messages, saves: string[]) {
  const buttons: APIButtonComponentWithCustomId[] = [];
  for (const action of view.actions ?? []) {
    const customId = encodePageId(action) ?? savedButtonId(action, saves);
    if (!customId || buttons.some((b) => b.custom_id === customId)) continue;
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: clipAtWord(action.label.trim() || m.t('button.more'), LIMITS.buttonLabel),
      custom_id: customId,
    });
  }
  if (view.moreAction) {
    const action = view.moreAction;
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: clipAtWord(m.t('button.more'), LIMITS.buttonLabel),
      custom_id: encodeMoreId(action) ?? savedButtonId(action, saves),
    });
  }
  for (const action of view.buttons ?? []) {
    const customId = encodeCommandId(action);
    if (!customId) continue;
    buttons.push({
      type: ComponentType.Button,
      style:
        action.style === 'primary'
          ? ButtonStyle.Primary
          : action.style === 'danger'
            ? ButtonStyle.Danger
            : ButtonStyle.Secondary,
      label: clipAtWord(action.label.trim(), LIMITS.buttonLabel),
      custom_id: customId,
    });
  }
  const components: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  for (let i = 0; i < buttons.length && components.length < LIMITS.actionRows; i += LIMITS.buttonsPerRow) {
    components.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return components;
}

function renderEmbed(
  view: View,
  m: Messages,
  marker: string | undefined,
  rendered: Rendered = new WeakMap(),
): APIEmbed {
  const parts = [
    view.summary?.trim() ? safeText(view.summary) : undefined,
    ...view.sections.map((s) => renderSection(s, m, rendered)),
    view.more ? `*${safeText(view.more)}*` : undefined,
  ];
  const embed: APIEmbed = { title: safeText(orDash(view.title)), color: COLORS[view.kind] };
  const description = parts.filter(Boolean).join('\n\n');
  if (description) embed.description = description;
  const footer = [
    view.footer?.trim()
      ? safeText(view.sourcesNote ? `${view.footer} ${m.t('view.sources-more')}` : view.footer)
      : undefined,
    view.page && view.page.number > 1 ? m.t('timeline.page', { page: view.page.number }) : undefined,
    marker ? markerText(marker) : undefined,
  ].filter((x): x is string => x !== undefined && x !== '');
  if (footer.length > 0) embed.footer = { text: footer.join(' · ') };
  return embed;
}

/** How a post's marker appears in its footer, so the poster can find the post again. */
export function markerText(marker: string): string {
  return `ref ${safeText(marker.slice(0, 100))}`;
}

function renderSection(section: ViewSection, m: Messages, rendered: Rendered): string {
  const lines = [`**${safeText(orDash(section.heading))}**`];
  const once = <T extends ViewItem | ViewField>(entry: T, render: (entry: T, m: Messages) => string) => {
    let line = rendered.get(entry);
    if (line === undefined) {
      line = render(entry, m);
      rendered.set(entry, line);
    }
    return line;
  };
  for (const field of section.fields ?? []) lines.push(once(field, renderField));
  for (const item of section.items ?? []) lines.push(once(item, renderItem));
  if (!section.fields?.length && !section.items?.length && !section.more)
    lines.push(safeText(section.empty?.trim() || m.t('view.nothing')));
  if (section.more) lines.push(`*${safeText(section.more)}*`);
  return lines.join('\n');
}

function renderField(field: ViewField, m: Messages): string {
  const mark = field.disputed ? '⚠️ ' : '';
  const tail = [
    field.asOf ? m.t('view.as-of', { date: safeText(m.date(field.asOf)) }) : undefined,
    field.sources?.length ? sourceNames(field.sources, m) : undefined,
  ].filter(Boolean);
  return `${mark}${channelLabel(field)}${m.t('view.colon')} **${safeText(orDash(field.value))}**${tail.length ? ` · ${tail.join(' · ')}` : ''}`;
}

/** The label, after a link to the field's channel when it names one (a snowflake; anything else is text). */
function channelLabel(field: ViewField): string {
  if (!field.channel) return safeText(orDash(field.label));
  const link = /^\d{1,20}$/.test(field.channel) ? `<#${field.channel}>` : safeText(field.channel);
  return field.label ? `${link} ${safeText(field.label)}` : link;
}

function renderItem(item: ViewItem, m: Messages): string {
  const retracted = item.badges?.includes('retracted');
  const title = safeText(orDash(item.title));
  const badges = (item.badges ?? []).map((b) => `${BADGE_MARKS[b]} ${m.t(`badge.${b}`)}`).join(' ');
  const head = [item.when ? `**${safeText(item.when)}**` : undefined, retracted ? `~~${title}~~` : title]
    .filter(Boolean)
    .join(' · ');
  const lines = [`${head}${badges ? ` ${badges}` : ''}`];
  const where = item.place?.trim() ? `📍 ${safeText(item.place)}` : undefined;
  const sources = item.sources.length ? sourceNames(item.sources, m, item.moreSources) : undefined;
  if (where || sources) lines.push([where, sources].filter(Boolean).join(' · '));
  if (item.text?.trim()) lines.push(safeText(item.text));
  for (const claim of item.claims ?? []) lines.push(`• ${safeText(claim)}`);
  return lines.join('\n');
}

/** Short source names, linked where a URL is known: "[KDRTV](…), MSS +2". */
export function sourceNames(sources: SourceRef[], m: Messages, more = 0): string {
  const names = sources.map((s) => {
    const name = safeText((s.publisher || '?').replace(/[[\]]/g, ''));
    const url = safeUrl(s.url);
    const title = s.title ? ` “${safeText(s.title)}”` : '';
    return url && url.length <= 300 ? `[${name}](${url})${title}` : `${name}${title}`;
  });
  return `${names.join(', ')}${more > 0 ? ` ${m.t('more.count', { count: more })}` : ''}`;
}

function orDash(text: string | undefined): string {
  return text?.trim() ? text : '—';
}

/** A single text longer than the whole screen (a very long title or summary): cut at a word. */
function lastResort(embed: APIEmbed): APIEmbed {
  if (embedChars(embed) <= SCREEN_CHARS) return embed;
  const title = clipAtWord(embed.title ?? '', LIMITS.embedTitle);
  const footer = embed.footer ? { text: clipAtWord(embed.footer.text, 300) } : undefined;
  const room = SCREEN_CHARS - title.length - (footer?.text.length ?? 0);
  return { ...embed, title, footer, description: clipAtWord(embed.description ?? '', Math.max(1, room)) };
}
