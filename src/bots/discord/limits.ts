/**
 * Discord's documented message limits, and a check that a message body respects them. The
 * renderer keeps within them by construction; tests and the outbound path use the check to
 * prove it.
 */
import type { APIEmbed, APIMessageTopLevelComponent } from 'discord-api-types/v10';

export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Title, description, field names and values, footer and author of every embed together. */
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** The part of a message body that the limits concern. */
export interface MessageBody {
  content?: string | undefined;
  embeds?: APIEmbed[] | undefined;
  components?: APIMessageTopLevelComponent[] | undefined;
  allowed_mentions?:
    | {
        parse?: string[];
        users?: string[];
        roles?: string[];
        replied_user?: boolean;
      }
    | undefined;
}

/** Characters Discord counts towards the 6000 total. */
export function embedChars(embed: APIEmbed): number {
  let n = (embed.title ?? '').length + (embed.description ?? '').length;
  n += (embed.footer?.text ?? '').length + (embed.author?.name ?? '').length;
  for (const f of embed.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

/** Every way the body breaks a Discord limit or could ping someone; empty when it is fine. */
export function messageProblems(body: MessageBody): string[] {
  const problems: string[] = [];
  const over = (what: string, length: number, max: number) => {
    if (length > max) problems.push(`${what} is ${length} characters (max ${max})`);
  };
  over('content', (body.content ?? '').length, LIMITS.content);
  const embeds = body.embeds ?? [];
  if (embeds.length > LIMITS.embedsPerMessage)
    problems.push(`${embeds.length} embeds (max ${LIMITS.embedsPerMessage})`);
  let total = 0;
  embeds.forEach((e, i) => {
    over(`embed ${i} title`, (e.title ?? '').length, LIMITS.embedTitle);
    over(`embed ${i} description`, (e.description ?? '').length, LIMITS.embedDescription);
    over(`embed ${i} footer`, (e.footer?.text ?? '').length, LIMITS.footerText);
    over(`embed ${i} author`, (e.author?.name ?? '').length, LIMITS.authorName);
    const fields = e.fields ?? [];
    if (fields.length > LIMITS.embedFields)
      problems.push(`embed ${i} has ${fields.length} fields (max ${LIMITS.embedFields})`);
    fields.forEach((f, j) => {
      if (f.name.trim() === '' || f.value.trim() === '') problems.push(`embed ${i} field ${j} is empty`);
      over(`embed ${i} field ${j} name`, f.name.length, LIMITS.fieldName);
      over(`embed ${i} field ${j} value`, f.value.length, LIMITS.fieldValue);
    });
    if (e.description !== undefined && e.description.trim() === '') problems.push(`embed ${i} description is empty`);
    total += embedChars(e);
  });
  if (total > LIMITS.embedTotal) problems.push(`embeds total ${total} characters (max ${LIMITS.embedTotal})`);
  const rows = body.components ?? [];
  if (rows.length > LIMITS.actionRows) problems.push(`${rows.length} action rows (max ${LIMITS.actionRows})`);
  const ids = new Set<string>();
  for (const row of rows) {
    if (!('components' in row)) continue;
    if (row.components.length > LIMITS.buttonsPerRow)
      problems.push(`a row has ${row.components.length} components (max 5)`);
    for (const c of row.components) {
      if ('custom_id' in c && typeof c.custom_id === 'string') {
        over('custom_id', c.custom_id.length, LIMITS.customId);
        if (ids.has(c.custom_id)) problems.push(`custom_id "${c.custom_id}" is used twice`);
        ids.add(c.custom_id);
      }
      if ('label' in c && typeof c.label === 'string') over('button label', c.label.length, LIMITS.buttonLabel);
    }
  }
  problems.push(...mentionProblems(body));
  return problems;
}

/** Ways the body could notify someone: allowed_mentions not empty, or live mention syntax in its text. */
export function mentionProblems(body: MessageBody): string[] {
  const problems: string[] = [];
  const am = body.allowed_mentions;
  if (!am || !Array.isArray(am.parse) || am.parse.length > 0) problems.push('allowed_mentions.parse is not []');
  if (am?.users?.length || am?.roles?.length) problems.push('allowed_mentions lists users or roles');
  if (am?.replied_user === true) problems.push('allowed_mentions.replied_user is true');
  const texts = [body.content ?? ''];
  for (const e of body.embeds ?? []) {
    texts.push(e.title ?? '', e.description ?? '', e.footer?.text ?? '', e.author?.name ?? '');
    for (const f of e.fields ?? []) texts.push(f.name, f.value);
  }
  for (const t of texts) {
    if (/@(everyone|here)/i.test(t)) problems.push(`live @everyone/@here in "${t.slice(0, 60)}"`);
    if (/<@[!&]?\d+>/.test(t)) problems.push(`live user or role mention in "${t.slice(0, 60)}"`);
  }
  return problems;
}
