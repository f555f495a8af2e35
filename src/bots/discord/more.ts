/**
 * The More button, and page buttons whose query is saved in the store. More runs the answer's
 * command again with the same options (through the executor: it only reads) and shows the next
 * screen of the whole answer. The first More on a public answer answers privately, so the answer
 * everyone sees is not rewritten for one reader; More on that private message moves it on in
 * place. Like page buttons it carries its query (or the saved query's id): it survives a restart.
 */
import { type ButtonInteraction, MessageFlags } from 'discord.js';
import { dispatch, userErrorView } from '../../commands/dispatch.ts';
import { UserError } from '../../core/errors.ts';
import { languageOfLocale } from '../../core/i18n/language.ts';
import { moreActionFor } from '../../core/more-screens.ts';
import { type ButtonQuery, parseSavedQuery } from '../../core/saved-query-port.ts';
import { commandAt } from '../../executor/index.ts';
import { callerOf, type InteractionContext, settleWithin } from './answer.ts';
import { decodeMoreId, decodePageId, decodeSavedId, type MoreRequest, type PageRequest } from './custom-id.ts';
import { renderView } from './render.ts';
import { renderMoreScreen } from './render-more.ts';
import { withSavedQueries } from './saved-buttons.ts';

/** What a More button asks for, its saved query loaded; undefined when the id is not a More button's. */
async function moreRequestOf(ctx: InteractionContext, customId: string): Promise<MoreRequest | 'expired' | undefined> {
  const direct = decodeMoreId(customId);
  if (direct) return direct;
  const saved = decodeSavedId(customId);
  if (saved?.kind !== 'more') return undefined;
  const query = await loadQuery(ctx, saved.id);
  return query ? { ...query, part: saved.part } : 'expired';
}

/** The page a page button asks for, from its id or from the store; undefined when it is neither. */
export async function pageRequestOf(ctx: InteractionContext, customId: string): Promise<PageRequest | undefined> {
  const direct = decodePageId(customId);
  if (direct) return direct;
  const saved = decodeSavedId(customId);
  if (saved?.kind !== 'page') return undefined;
  const query = await loadQuery(ctx, saved.id);
  if (!query) return undefined;
  return {
    command: query.command,
    args: Object.fromEntries(Object.entries(query.args).map(([k, v]) => [k, String(v)])),
    cursor: query.cursor ?? '',
  };
}

async function loadQuery(ctx: InteractionContext, id: string): Promise<ButtonQuery | undefined> {
  return parseSavedQuery(await ctx.services.savedQueries?.load(id));
}

/** Answers a More click; false when the button is not a More button. */
export async function handleMoreButton(ctx: InteractionContext, interaction: ButtonInteraction): Promise<boolean> {
  const request = await moreRequestOf(ctx, interaction.customId);
  if (request === undefined) return false;
  const command = request === 'expired' ? undefined : commandAt(ctx.commands, request.command);
  // On a private message (an earlier More screen) the next screen replaces it; else it comes privately.
  const inPlace = interaction.message.flags.has(MessageFlags.Ephemeral);
  if (request === 'expired' || !command?.readOnly) {
    const language = languageOfLocale(interaction.locale) ?? 'en';
    const expired = renderView(userErrorView(new UserError('button-expired'), language), { private: true });
    await interaction.reply({ embeds: expired.embeds, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    return true;
  }
  const raw: Record<string, unknown> = { ...request.args, ...(request.cursor ? { cursor: request.cursor } : {}) };
  const caller = callerOf(interaction);
  const now = ctx.now();
  const work = ctx.executor.serves(command)
    ? ctx.executor.run({ kind: 'command', command: request.command, args: raw, caller, now: now.toISOString() })
    : dispatch(command, raw, { services: ctx.services, now, caller }, ctx.logger);
  let result = ctx.executor.expectedWaitMs() > 0 ? undefined : await settleWithin(work, ctx.deferAfterMs);
  const deferred = result === undefined;
  if (deferred) {
    if (inPlace) await interaction.deferUpdate();
    else await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    result = await work;
  }
  const done = result as NonNullable<typeof result>;
  const full = { ...done.view, moreAction: moreActionFor(request.command, raw) };
  const rendered = done.private ? renderView(done.view, { private: true }) : renderMoreScreen(full, request.part);
  const message = await withSavedQueries(rendered, ctx.services.savedQueries, ctx.logger);
  const payload = { embeds: message.embeds, components: message.components, allowedMentions: { parse: [] as [] } };
  if (deferred) await interaction.editReply(payload);
  else if (inPlace) await interaction.update(payload);
  else await interaction.reply({ ...payload, flags: MessageFlags.Ephemeral });
  return true;
}
