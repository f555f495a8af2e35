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

/**
 * Checks a modal view against Slack's limits (docs.slack.dev, "Modal views" and "Blocks"):
 * title and buttons 24 characters, 100 blocks, private_metadata 3000, input labels 2000,
 * placeholders 150, text inputs 3000, select options 100 of 75-character text and 150-character
 * values. Lists every breach.
 */
export function modalLimitViolations(view: Json): string[] {
  const out: string[] = [];
  const plain = (at: string, t: Json, max: number) => {
    if (t?.type !== 'plain_text') out.push(`${at}: not plain_text`);
    if (typeof t?.text !== 'string' || t.text.length === 0 || t.text.length > max)
      out.push(`${at}: text length ${t?.text?.length} (max ${max})`);
  };
  if (view.type !== 'modal') out.push('not a modal');
  plain('title', view.title, 24);
  if (view.submit) plain('submit', view.submit, 24);
  if (view.close) plain('close', view.close, 24);
  if ((view.private_metadata ?? '').length > 3000) out.push('private_metadata > 3000');
  if ((view.callback_id ?? '').length > 255) out.push('callback_id > 255');
  const blocks: Json[] = view.blocks ?? [];
  if (blocks.length === 0 || blocks.length > 100) out.push(`${blocks.length} blocks`);
  const ids = new Set<string>();
  const hasInput = blocks.some((b) => b.type === 'input');
  if (hasInput && !view.submit) out.push('input blocks without a submit button');
  blocks.forEach((b, i) => {
    const at = `block ${i} (${b.block_id ?? b.type})`;
    if (b.block_id !== undefined) {
      if (ids.has(b.block_id) || b.block_id.length > 255) out.push(`${at}: block_id`);
      ids.add(b.block_id);
    }
    if (b.type === 'section') {
      plain(`${at} text`, b.text, 3000);
      return;
    }
    if (b.type !== 'input') {
      out.push(`${at}: unexpected block type`);
      return;
    }
    plain(`${at} label`, b.label, 2000);
    const e = b.element ?? {};
    if (!e.action_id || e.action_id.length > 255) out.push(`${at}: action_id`);
    if (e.placeholder) plain(`${at} placeholder`, e.placeholder, 150);
    if (e.type === 'plain_text_input') {
      if (e.max_length !== undefined && (e.max_length < 1 || e.max_length > 3000))
        out.push(`${at}: max_length ${e.max_length}`);
      if (e.initial_value !== undefined && e.initial_value.length > (e.max_length ?? 3000))
        out.push(`${at}: initial_value longer than max_length`);
    } else if (e.type === 'static_select') {
      const options: Json[] = e.options ?? [];
      if (options.length === 0 || options.length > 100) out.push(`${at}: ${options.length} options`);
      for (const o of options) {
        plain(`${at} option`, o.text, 75);
        if (typeof o.value !== 'string' || o.value.length === 0 || o.value.length > 150)
          out.push(`${at}: option value`);
      }
      if (e.initial_option && !options.some((o) => o.value === e.initial_option.value))
        out.push(`${at}: initial_option not among the options`);
    } else out.push(`${at}: unexpected element ${e.type}`);
  });
  return out;
}
