/**
 * Text from data and from users goes into Discord messages only through here: markdown is
 * escaped so a stray `*` or `[x](y)` cannot change what a line seems to say, and mentions are
 * broken with a zero-width space so nothing can ping even if allowed_mentions were lost.
 */
const ZWSP = '\u200b';

/** `@everyone`, `@here`, `<@id>`, `<@!id>`, `<@&id>`, `<#id>` and slash-command mentions made inert. */
export function neutralizeMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<(@[!&]?|#|\/)/g, `<${ZWSP}$1`);
}

/**
 * Plain text ready for an embed: every inline markdown character escaped (Discord hides a
 * backslash before punctuation), line-leading headings, lists and quotes escaped, mentions inert.
 * discord.js's escapeMarkdown is not used: its look-behind patterns take quadratic time, seconds
 * on a few hundred long event summaries.
 */
export function safeText(text: string): string {
  const escaped = text
    .replace(/[\\*_~`|[\]]/g, '\\$&')
    .replace(/^([ \t]*)(#{1,3}\s|-#\s|[-+]\s|>)/gm, '$1\\$2')
    .replace(/^([ \t]*\d+)\.(\s)/gm, '$1\\.$2');
  return neutralizeMentions(escaped);
}

/** A URL safe to put inside `[text](url)`, or undefined when it is not a plain http(s) link. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  return parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20');
}

/** Cuts plain text to at most `max` characters (whole code points), ending with "…" when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  // Only the head can survive the cut; splitting the whole text into code points is wasted work.
  const points = Array.from(text.slice(0, max + 1));
  let out = '';
  for (const p of points) {
    if (out.length + p.length > max - 1) break;
    out += p;
  }
  return `${out.trimEnd()}…`;
}

/** Escaped text of at most `max` characters: clips the plain text until its escaped form fits. */
export function safeClip(text: string, max: number): string {
  let budget = max;
  for (;;) {
    const out = safeText(clip(text, budget));
    if (out.length <= max || budget <= 1) return out.length <= max ? out : '…';
    budget = Math.max(1, budget - Math.max(1, out.length - max));
  }
}
