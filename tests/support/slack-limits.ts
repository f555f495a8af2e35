/**
 * Checks a Slack message against Block Kit's limits and our escaping rule, and lists every
 * breach. A message is judged by the rule, not by a frozen copy of today's output.
 */

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as Slack receives it
type Json = any;

const LINK = /<(https?:\/\/[^\s<>|]+)\|([^<>]*)>/g;

export interface LimitCheckOptions {
  /** URLs a link may point to (those in our data); any other link is a breach. */
  allowedUrls?: ReadonlySet<string>;
}

export function slackLimitViolations(message: Json, options: LimitCheckOptions = {}): string[] {
  const out: string[] = [];
  const blocks: Json[] = message.blocks ?? [];
  if (typeof message.text !== 'string' || message.text.length === 0) out.push('no fallback text');
  else if (message.text.length > 40_000) out.push(`fallback text ${message.text.length} > 40000`);
  if (typeof message.text === 'string') checkMrkdwn('fallback', message.text, out, options);
  // A plain text message (the last-resort apology) has no blocks; an empty list is an error.
  if (Array.isArray(message.blocks) && blocks.length === 0) out.push('empty blocks');
  if (blocks.length > 50) out.push(`${blocks.length} blocks > 50`);
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  blocks.forEach((block, i) => {
    const at = `block ${i} (${block.type})`;
    if (block.block_id !== undefined) {
      if (block.block_id.length > 255) out.push(`${at}: block_id too long`);
      if (blockIds.has(block.block_id)) out.push(`${at}: duplicate block_id`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case 'header':
        if (block.text?.type !== 'plain_text') out.push(`${at}: header text must be plain_text`);
        if (!block.text?.text || block.text.text.length > 150)
          out.push(`${at}: header text length ${block.text?.text?.length}`);
        break;
      case 'section':
        if (!block.text && !block.fields) out.push(`${at}: section without text or fields`);
        if (block.text) textObject(at, block.text, 3000, out, options);
        if (block.fields) {
          if (block.fields.length > 10) out.push(`${at}: ${block.fields.length} fields > 10`);
          for (const f of block.fields) textObject(`${at} field`, f, 2000, out, options);
        }
        break;
      case 'context':
        if (!block.elements?.length || block.elements.length > 10)
          out.push(`${at}: ${block.elements?.length} elements`);
        for (const e of block.elements ?? []) textObject(`${at} element`, e, 3000, out, options);
        break;
      case 'actions':
        if (!block.elements?.length || block.elements.length > 25)
          out.push(`${at}: ${block.elements?.length} elements`);
        for (const e of block.elements ?? []) {
          if (e.type !== 'button') continue;
          if (!e.text?.text || e.text.text.length > 75) out.push(`${at}: button text length ${e.text?.text?.length}`);
          if (typeof e.value === 'string' && e.value.length > 2000)
            out.push(`${at}: button value ${e.value.length} > 2000`);
          if (!e.action_id || e.action_id.length > 255) out.push(`${at}: action_id`);
          if (actionIds.has(e.action_id)) out.push(`${at}: duplicate action_id ${e.action_id}`);
          actionIds.add(e.action_id);
        }
        break;
      case 'divider':
        break;
      default:
        out.push(`${at}: unexpected block type`);
    }
  });
  return out;
}

function textObject(at: string, t: Json, max: number, out: string[], options: LimitCheckOptions) {
  if (typeof t?.text !== 'string' || t.text.length === 0) {
    out.push(`${at}: empty text`);
    return;
  }
  if (t.text.length > max) out.push(`${at}: text ${t.text.length} > ${max}`);
  if (t.type === 'mrkdwn') checkMrkdwn(at, t.text, out, options);
  else if (/[<>]/.test(t.text)) out.push(`${at}: < or > in plain_text`);
}

/** Outside our own source links, no `<`, `>` or bare `&` may reach Slack. */
function checkMrkdwn(at: string, text: string, out: string[], options: LimitCheckOptions) {
  for (const m of text.matchAll(LINK)) {
    const url = (m[1] as string).replaceAll('&amp;', '&');
    if (options.allowedUrls && !options.allowedUrls.has(url)) out.push(`${at}: link to ${url} not from our data`);
  }
  const rest = text.replace(LINK, '');
  if (/[<>]/.test(rest)) out.push(`${at}: unescaped < or > in ${JSON.stringify(rest.slice(0, 120))}`);
  if (/&(?!amp;|lt;|gt;)/.test(rest)) out.push(`${at}: unescaped & in ${JSON.stringify(rest.slice(0, 120))}`);
}

/** Every text of a message a user reads, joined: for asserting what arrives. */
export function messageText(message: Json): string {
  const parts: string[] = [message.text ?? ''];
  const walk = (node: Json) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (typeof node.text === 'string') parts.push(node.text);
      for (const [k, v] of Object.entries(node)) if (k !== 'text' || typeof v !== 'string') walk(v);
    }
  };
  walk(message.blocks ?? []);
  return parts.join('\n');
}
