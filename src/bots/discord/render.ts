/**
 * View → Discord message: embeds and paging buttons, inside Discord's limits. When an answer is
 * too big, detail is shed in steps (long texts shortened, then dropped, then links) before any
 * item is left out, so every item on a page stays visible with its sources.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
  MessageFlags,
} from 'discord-api-types/v10';
import type { SourceRef, View, ViewField, ViewItem, ViewSection } from '../../core/view.ts';
import { encodePageId } from './custom-id.ts';
import { DETAIL, type Detail } from './detail-levels.ts';
import { safeClip, safeUrl } from './escape.ts';
import { embedChars, LIMITS } from './limits.ts';

export interface RenderedMessage {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  allowed_mentions: { parse: [] };
  flags?: number;
}

export interface RenderOptions {
  /** Only the caller sees it (Discord's ephemeral flag). */
  private?: boolean;
  /** Carried in the footer so a sent post can be found again. */
  marker?: string;
}

const COLORS: Record<View['kind'], number> = {
  status: 0x2b6cb0,
  timeline: 0x4a5568,
  location: 0x2f855a,
  digest: 0x6b46c1,
  suggestions: 0xb7791f,
  message: 0x4a5568,
  error: 0xc53030,
};

const BADGES: Record<NonNullable<ViewItem['badges']>[number], string> = {
  disputed: '⚠️ **DISPUTED**',
  retracted: '⛔ **RETRACTED**',
  corrected: '↩️ corrected (see claims)',
  updated: '✏️ updated',
  new: '🆕 new',
  late: '⏱️ reported late',
};

const NARROW_HINT = 'narrow the query (dates, a smaller place, a category) to see them';

export function renderView(view: View, options: RenderOptions = {}): RenderedMessage {
  const { components, notes } = renderActions(view);
  let embeds: APIEmbed[] | undefined;
  for (const detail of DETAIL) {
    embeds = renderEmbeds(view, detail, notes, options.marker);
    if (fits(embeds)) break;
  }
  // Still too big at the least detail: keep as many items as fit (in order), and say how many are left out.
  const last = DETAIL[DETAIL.length - 1] as Detail;
  if (embeds && !fits(embeds)) {
    const total = countItems(view.sections);
    const attempt = (keep: number) => {
      const note = `${total - keep} more not shown: ${NARROW_HINT}.`;
      return renderEmbeds(
        { ...view, sections: keepFirst(view.sections, keep) },
        last,
        [...notes, note],
        options.marker,
      );
    };
    let low = 0;
    let high = total - 1;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (fits(attempt(mid))) low = mid;
      else high = mid - 1;
    }
    embeds = attempt(low);
  }
  const message: RenderedMessage = {
    embeds: hardLimit(embeds ?? []),
    components,
    allowed_mentions: { parse: [] },
  };
  if (options.private) message.flags = MessageFlags.Ephemeral;
  return message;
}

function fits(embeds: APIEmbed[]): boolean {
  const total = embeds.reduce((n, e) => n + embedChars(e), 0);
  return embeds.length <= LIMITS.embedsPerMessage && total <= LIMITS.embedTotal;
}

function renderActions(view: View) {
  const buttons: APIButtonComponentWithCustomId[] = [];
  const notes: string[] = [];
  for (const action of view.actions ?? []) {
    const customId = encodePageId(action);
    if (!customId) {
      notes.push(`More pages exist, but this query is too long for a page button: ${NARROW_HINT}`);
      continue;
    }
    if (buttons.some((b) => b.custom_id === customId)) continue;
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: safeLabel(action.label),
      custom_id: customId,
    });
  }
  const components: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  for (let i = 0; i < buttons.length && components.length < LIMITS.actionRows; i += LIMITS.buttonsPerRow) {
    components.push({
      type: ComponentType.ActionRow,
      components: buttons.slice(i, i + LIMITS.buttonsPerRow),
    });
  }
  return { components, notes };
}

/** Button labels are not markdown; only length and emptiness matter. */
function safeLabel(label: string): string {
  const trimmed = label.trim() || 'More';
  return trimmed.length <= LIMITS.buttonLabel ? trimmed : `${trimmed.slice(0, LIMITS.buttonLabel - 1)}…`;
}

function renderEmbeds(view: View, d: Detail, notes: string[], marker: string | undefined): APIEmbed[] {
  const color = COLORS[view.kind];
  const main: APIEmbed = {
    title: safeClip(orDash(view.title), LIMITS.embedTitle),
    color,
  };
  if (view.summary?.trim()) main.description = safeClip(view.summary, Math.min(d.summary, LIMITS.embedDescription));
  const embeds: APIEmbed[] = [main];
  for (const section of view.sections) embeds.push(...renderSection(section, d, color));
  const footer = [
    view.footer?.trim() ? safeClip(view.footer, 1000) : undefined,
    view.page ? `Page ${view.page.number}` : undefined,
    ...notes.map((n) => safeClip(n, 300)),
    marker ? markerText(marker) : undefined,
  ].filter((x): x is string => x !== undefined && x !== '');
  const tail = embeds[embeds.length - 1] as APIEmbed;
  if (footer.length > 0) tail.footer = { text: footer.join(' · ').slice(0, LIMITS.footerText) };
  return embeds;
}

/** How a post's marker appears in its footer, so the poster can find the post again. */
export function markerText(marker: string): string {
  return `ref ${safeClip(marker, 100)}`;
}

function renderSection(section: ViewSection, d: Detail, color: number): APIEmbed[] {
  const out: APIEmbed[] = [];
  let current: APIEmbed = {
    title: safeClip(orDash(section.heading), LIMITS.embedTitle),
    color,
  };
  out.push(current);
  const fields = (section.fields ?? []).map((f) => renderField(f, d));
  for (const field of fields) {
    if ((current.fields?.length ?? 0) >= LIMITS.embedFields) {
      current = { color };
      out.push(current);
    }
    current.fields = [...(current.fields ?? []), field];
  }
  const blocks = (section.items ?? []).map((item) => renderItem(item, d));
  for (const block of blocks) {
    const text = current.description ? `${current.description}\n\n${block}` : block;
    if (text.length > LIMITS.embedDescription) {
      current = { color, description: block };
      out.push(current);
    } else {
      current.description = text;
    }
  }
  if (fields.length === 0 && blocks.length === 0)
    current.description = safeClip(section.empty?.trim() || 'Nothing to show.', 1000);
  return out;
}

function renderField(field: ViewField, d: Detail): APIEmbedField {
  const name = `${orDash(field.label)}${field.disputed ? ' — disputed' : ''}`;
  const mark = field.disputed ? '⚠️ ' : '';
  const asOf = field.asOf ? `as of ${safeClip(field.asOf, 40)}` : '';
  const sources = field.sources ? sourcesLine(field.sources, d, 600) : '';
  const tail = [asOf, sources].filter(Boolean).join('\n');
  const room = LIMITS.fieldValue - tail.length - mark.length - 1;
  const value = `${mark}${safeClip(orDash(field.value), Math.max(20, room))}${tail ? `\n${tail}` : ''}`;
  return {
    name: `${mark}${safeClip(name, LIMITS.fieldName - mark.length)}`,
    value: value.slice(0, LIMITS.fieldValue),
    inline: field.inline ?? false,
  };
}

function renderItem(item: ViewItem, d: Detail): string {
  const retracted = item.badges?.includes('retracted');
  const title = safeClip(orDash(item.title), d.title);
  const head = [item.when ? safeClip(item.when, 40) : undefined, retracted ? `~~${title}~~` : title]
    .filter(Boolean)
    .join(' · ');
  const badges = (item.badges ?? []).map((b) => BADGES[b]).join(' ');
  const lines = [`**${head}**${badges ? ` ${badges}` : ''}`];
  if (item.place?.trim() && d.place > 0) lines.push(`📍 ${safeClip(item.place, d.place)}`);
  if (item.text?.trim() && d.text > 0) lines.push(safeClip(item.text, d.text));
  const claims = item.claims ?? [];
  if (claims.length > 0 && d.claims === 0) lines.push(`⚠️ Sources disagree (${claims.length} claims)`);
  if (claims.length > 0 && d.claims > 0) {
    lines.push('⚠️ Sources disagree:');
    for (const claim of claims.slice(0, d.claims)) lines.push(`• ${safeClip(claim, d.claimLength)}`);
    if (claims.length > d.claims) lines.push(`• and ${claims.length - d.claims} more`);
  }
  lines.push(sourcesLine(item.sources, d, 700));
  return lines.join('\n');
}

/** "Sources: [KDRTV](url) (2025-03-26) · MSS (2025-03-26)", within `budget` characters. */
export function sourcesLine(sources: SourceRef[], d: Detail, budget: number): string {
  if (sources.length === 0) return 'Source: none given';
  const label = sources.length === 1 ? 'Source: ' : 'Sources: ';
  const parts: string[] = [];
  let used = label.length;
  for (const [i, source] of sources.entries()) {
    const part = renderSource(source, d);
    const rest = sources.length - i - 1;
    const reserve = rest > 0 ? 12 : 0;
    if (i >= d.sources || (parts.length > 0 && used + part.length + 3 + reserve > budget)) {
      parts.push(`+${sources.length - i} more`);
      break;
    }
    parts.push(part);
    used += part.length + 3;
  }
  return `${label}${parts.join(' · ')}`;
}

function renderSource(source: SourceRef, d: Detail): string {
  const publisher = safeClip((source.publisher || 'unnamed source').replace(/[[\]]/g, ''), d.publisher);
  const url = d.links ? safeUrl(source.url) : undefined;
  const name = url && url.length <= 300 ? `[${publisher}](${url})` : publisher;
  const title = d.sourceTitles && source.title ? ` “${safeClip(source.title, 80)}”` : '';
  const date = source.date ? ` (${safeClip(source.date, 30)})` : '';
  return `${name}${title}${date}`;
}

function orDash(text: string | undefined): string {
  return text?.trim() ? text : '—';
}

function countItems(sections: ViewSection[]): number {
  return sections.reduce((n, s) => n + (s.items?.length ?? 0), 0);
}

/** The sections with only their first `keep` items, counted across sections in order. */
function keepFirst(sections: ViewSection[], keep: number): ViewSection[] {
  let left = keep;
  return sections.map((s) => {
    if (!s.items) return s;
    const items = s.items.slice(0, Math.max(0, left));
    left -= items.length;
    return { ...s, items };
  });
}

/** Last guard for views no detail level can fit (more sections than embeds): cut, never send a broken message. */
function hardLimit(embeds: APIEmbed[]): APIEmbed[] {
  const out = embeds.slice(0, LIMITS.embedsPerMessage);
  let excess = out.reduce((n, e) => n + embedChars(e), 0) - LIMITS.embedTotal;
  for (let i = out.length - 1; i > 0 && excess > 0; i--) {
    const embed = out[i] as APIEmbed;
    excess -= embedChars(embed);
    out.splice(i, 1);
  }
  return out;
}
