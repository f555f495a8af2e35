/**
 * Text for Slack. Every piece of data or user text is escaped (`&`, `<`, `>`) before it goes
 * into mrkdwn, so none of it can become a link, a mention or `<!channel>`; the only links in a
 * message are the source URLs from our own data, written by `sourceLink`.
 */
import type { Messages } from '../../core/i18n/messages.ts';
import type { SourceRef } from '../../core/view.ts';

export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * Escapes `text` and cuts it to at most `max` characters (after escaping), ending with "…" when
 * cut. Never cuts inside an entity or a surrogate pair.
 */
export function escapeTruncated(text: string, max: number): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  let cut = Math.max(0, max - 1);
  // Back off out of an entity ("&am|p;") and out of a surrogate pair.
  const amp = escaped.lastIndexOf('&', cut - 1);
  if (amp >= 0 && amp > cut - 5 && escaped.indexOf(';', amp) >= cut) cut = amp;
  const last = escaped.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return `${escaped.slice(0, cut).trimEnd()}…`;
}

/**
 * For plain_text objects (header, button labels). Slack does not parse them, but `<` and `>`
 * are still replaced so that no control sequence is ever sent.
 */
export function plainText(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim().replace(/</g, '‹').replace(/>/g, '›');
  const chars = Array.from(clean);
  return chars.length <= max
    ? clean
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

const SAFE_URL = /^https?:\/\/[^\s<>|"]+$/i;
const MAX_URL = 400;

/** `<url|Publisher>, 25 Mar 2025`: the publisher linked only when the URL is a plain http(s) one. */
export function sourceLink(source: SourceRef, m: Messages, maxLabel = 80): string {
  const label = escapeTruncated(source.publisher, maxLabel);
  const url = source.url;
  const linked =
    url && url.length <= MAX_URL && SAFE_URL.test(url) ? `<${url.replace(/&/g, '&amp;')}|${label}>` : label;
  return source.date ? `${linked}, ${escapeMrkdwn(m.date(source.date))}` : linked;
}

/**
 * What a user typed, as plain text: Slack sends `&`, `<`, `>` escaped and mentions, channels and
 * links as control sequences; mentions are dropped, links and channels keep their words.
 */
export function fromSlackText(text: string): string {
  return text
    .replace(/<[@!][^>]*>/g, ' ')
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<(?:https?|mailto):[^>|]*\|([^>]*)>/g, '$1')
    .replace(/<((?:https?|mailto):[^>]*)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
