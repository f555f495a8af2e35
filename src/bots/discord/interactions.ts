/**
 * Slash commands, page buttons and autocomplete. Owns Discord's 3-second rule: a fast command
 * is answered at once; a `slow` one, or one still running after `deferAfterMs`, is deferred and
 * its answer edited in. Whatever fails, the interaction gets an answer.
 */
import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type InteractionReplyOptions,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord.js';
import type { Gazetteer } from '../../core/places.ts';
import type { Services } from '../../core/services.ts';
import type { Caller, CommandDef } from '../command-types.ts';
import { type DispatchLogger, type DispatchResult, dispatch, errorView, resolveSubcommand } from '../dispatch.ts';
import { decodePageId } from './custom-id.ts';
import { clip } from './escape.ts';
import { LIMITS } from './limits.ts';
import { type RenderedMessage, renderView } from './render.ts';

export interface InteractionContext {
  services: Services;
  logger: DispatchLogger & { warn(obj: object, msg: string): void };
  now: () => Date;
  commands: readonly CommandDef[];
  /** Defer when a command has not finished after this long (Discord allows 3 s). */
  deferAfterMs: number;
}

const FALLBACK = 'Sorry, something went wrong while answering. It has been logged; please try again.';

export async function handleInteraction(ctx: InteractionContext, interaction: Interaction): Promise<void> {
  try {
    if (interaction.isAutocomplete()) await handleAutocomplete(ctx, interaction);
    else if (interaction.isChatInputCommand()) await handleCommand(ctx, interaction);
    else if (interaction.isButton()) await handleButton(ctx, interaction);
  } catch (err) {
    ctx.logger.error({ err, interaction: interaction.id }, 'discord interaction failed');
    await answerFailure(ctx, interaction);
  }
}

async function handleCommand(ctx: InteractionContext, interaction: ChatInputCommandInteraction): Promise<void> {
  const def = ctx.commands.find((c) => c.name === interaction.commandName);
  const command = def && resolveSubcommand(def, interaction.options.getSubcommand(false) ?? undefined);
  if (!command) {
    await interaction.reply(privateMessage(`/${interaction.commandName} is not a command of this bot any more.`));
    return;
  }
  await answer(ctx, interaction, command, optionValues(interaction.options.data), 'reply');
}

async function handleButton(ctx: InteractionContext, interaction: ButtonInteraction): Promise<void> {
  const page = decodePageId(interaction.customId);
  const [name, sub] = page ? page.command.split(' ') : [];
  const def = ctx.commands.find((c) => c.name === name);
  const command = def && resolveSubcommand(def, sub);
  if (!page || !command) {
    await interaction.reply(privateMessage('This button no longer works; run the command again.'));
    return;
  }
  await answer(ctx, interaction, command, { ...page.args, cursor: page.cursor }, 'update');
}

/**
 * Runs the command through dispatch and answers: `reply` posts a new message (slash command),
 * `update` replaces the message the button was on (callback type 7).
 */
async function answer(
  ctx: InteractionContext,
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  command: CommandDef,
  raw: Record<string, unknown>,
  mode: 'reply' | 'update',
): Promise<void> {
  const work = dispatch(
    command,
    raw,
    { services: ctx.services, now: ctx.now(), caller: callerOf(interaction) },
    ctx.logger,
  );
  let result: DispatchResult | undefined;
  if (!command.slow) result = await settleWithin(work, ctx.deferAfterMs);
  const deferred = result === undefined;
  if (deferred) {
    if (mode === 'update' && interaction.isButton()) await interaction.deferUpdate();
    else await interaction.deferReply();
    result = await work;
  }
  const done = result as DispatchResult;
  const message = renderView(done.view, { private: done.private });
  if (!deferred) {
    if (mode === 'update' && interaction.isButton() && !done.private) await interaction.update(updatePayload(message));
    else await interaction.reply(replyPayload(message));
    return;
  }
  if (!done.private) {
    await interaction.editReply(updatePayload(message));
    return;
  }
  // The deferred answer is public; an error meant for the caller alone goes in a private follow-up.
  if (mode === 'reply') await interaction.deleteReply().catch(() => undefined);
  await interaction.followUp(replyPayload(message));
}

/** The result if `work` settles within `ms`, else undefined (work keeps running). */
async function settleWithin<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function handleAutocomplete(ctx: InteractionContext, interaction: AutocompleteInteraction): Promise<void> {
  const def = ctx.commands.find((c) => c.name === interaction.commandName);
  const command = def && resolveSubcommand(def, interaction.options.getSubcommand(false) ?? undefined);
  const focused = interaction.options.getFocused(true);
  const option = command?.options.find((o) => o.name === focused.name);
  const choices = option?.autocomplete === 'place' ? placeChoices(ctx.services.gazetteer, String(focused.value)) : [];
  await interaction.respond(choices);
}

/**
 * Places for a partly typed name, best first: the gazetteer's ranking, at most 25. The value is
 * the place id, so the command gets exactly the place picked even where names repeat.
 */
export function placeChoices(gazetteer: Gazetteer, typed: string): Array<{ name: string; value: string }> {
  const places = typed.trim()
    ? gazetteer.search(typed, LIMITS.autocompleteChoices).map((m) => m.place)
    : gazetteer.places.filter((p) => p.kind === 'department').slice(0, LIMITS.autocompleteChoices);
  return places.map((p) => ({ name: clip(gazetteer.describe(p), LIMITS.choiceName), value: p.id }));
}

/** Option values by name; a subcommand's options are its own. */
function optionValues(options: readonly CommandInteractionOption[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const option of options) {
    if (option.options) Object.assign(values, optionValues(option.options));
    else if (option.value !== undefined) values[option.name] = option.value;
  }
  return values;
}

function callerOf(interaction: ChatInputCommandInteraction | ButtonInteraction): Caller {
  return {
    platform: 'discord',
    userId: interaction.user.id,
    teamId: interaction.guildId ?? undefined,
    channelId: interaction.channelId ?? undefined,
    // In a DM there is no channel to manage but the user's own.
    canManageChannel: interaction.inGuild()
      ? (interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false)
      : true,
    locale: interaction.locale,
  };
}

function replyPayload(message: RenderedMessage): InteractionReplyOptions {
  return {
    embeds: message.embeds,
    components: message.components,
    allowedMentions: { parse: [] },
    ...(message.flags ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

function updatePayload(message: RenderedMessage) {
  return { embeds: message.embeds, components: message.components, allowedMentions: { parse: [] } };
}

function privateMessage(text: string): InteractionReplyOptions {
  return replyPayload(renderView(errorView(text), { private: true }));
}

/** Last resort: make sure the user sees something, privately. */
async function answerFailure(ctx: InteractionContext, interaction: Interaction): Promise<void> {
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
      return;
    }
    if (!interaction.isRepliable()) return;
    if (interaction.deferred || interaction.replied) await interaction.followUp(privateMessage(FALLBACK));
    else await interaction.reply(privateMessage(FALLBACK));
  } catch (err) {
    ctx.logger.warn({ err, interaction: interaction.id }, 'discord: could not send the fallback answer');
  }
}
