/**
 * Answering an interaction within Discord's rules. A read-only command is handed to the executor
 * (off this event loop); others (writes) run here. A fast answer is sent at once; a `slow`
 * command, one waiting behind others in the executor (a burst), or one still running after
 * `deferAfterMs`, is deferred and its answer edited in; an answer
 * meant for the caller alone is ephemeral; and whatever fails, the interaction gets an answer.
 * A map is drawn only after the text has been answered (or deferred), so drawing never counts
 * against the 3 seconds; a fast answer gets its map edited in.
 */
import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type InteractionReplyOptions,
  MessageFlags,
  type ModalSubmitInteraction,
  PermissionFlagsBits,
} from 'discord.js';
import type { Caller, CommandDef } from '../../commands/command-types.ts';
import { type DispatchLogger, type DispatchResult, errorView } from '../../commands/dispatch.ts';
import { shareRequestOf, type Visibility } from '../../commands/visibility.ts';
import { fallbackText } from '../../core/errors.ts';
import { messagesFor } from '../../core/i18n/messages.ts';
import type { Services } from '../../core/services.ts';
import type { View, ViewMap } from '../../core/view.ts';
import { commandPath, type Executor, runCommand } from '../../executor/index.ts';
import type { AckFirst } from '../ack-first.ts';
import type { InteractionRest } from './interaction-rest.ts';
import { drawMap, type MapRenderer, withMapImage } from './map-file.ts';
import { type RenderedMessage, renderView } from './render.ts';
import { withSavedQueries } from './saved-buttons.ts';
import { withShareButton } from './share-button.ts';

export interface InteractionContext {
  services: Services;
  logger: DispatchLogger & { warn(obj: object, msg: string): void };
  now: () => Date;
  commands: readonly CommandDef[];
  /** Defer when a command has not finished after this long (Discord allows 3 s). */
  deferAfterMs: number;
  renderMap: MapRenderer;
  /** Runs read-only commands, place suggestions and maps off this event loop. */
  executor: Executor;
  /** Defers and edits answers in outside discord.js's REST queue (see interaction-rest.ts). */
  responses: InteractionRest;
  /** Answers edited in wait while interactions are unacknowledged (see ../ack-first.ts). */
  ackFirst: AckFirst;
}

export const FALLBACK = fallbackText();

/**
 * Runs the command through dispatch and answers: `reply` posts a new message (slash command),
 * `update` replaces the message the button was on (callback type 7).
 */
export async function answer(
  ctx: InteractionContext,
  interaction: ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction,
  command: CommandDef,
  raw: Record<string, unknown>,
  mode: 'reply' | 'update',
  decoratePrivate: (view: View) => View = (view) => view,
  visibility: Visibility = 'public',
): Promise<void> {
  const caller = callerOf(interaction);
  const now = ctx.now();
  const handedOver = ctx.executor.serves(command);
  // A button, or a form opened from a button, replaces the message the button was on.
  const updates =
    mode === 'update' && (interaction.isButton() || (interaction.isModalSubmit() && interaction.isFromMessage()));
  // Slow, or behind other work in the executor (a burst): the answer will not come at once, so
  // defer at once, before handing over, rather than hold the acknowledgement for any of it.
  const deferAtOnce = Boolean(command.slow) || (handedOver && ctx.executor.expectedWaitMs() > 0);
  if (deferAtOnce) await defer(ctx, interaction, updates, visibility);
  const work = runCommand(ctx, command, raw, caller, now);
  let result = deferAtOnce ? undefined : await settleWithin(work, ctx.deferAfterMs);
  const deferred = result === undefined;
  if (deferred) {
    if (!deferAtOnce) await defer(ctx, interaction, updates, visibility);
    result = await work;
    await ctx.ackFirst.turn();
  }
  const done = result as DispatchResult;
  const view = done.private ? decoratePrivate(done.view) : done.view;
  const rendered = done.private
    ? renderView(view, { private: true })
    : visibility === 'private'
      ? privateAnswer(ctx, command, raw, view)
      : renderPublic(view);
  const message = await withSavedQueries(rendered, ctx.services.savedQueries, ctx.logger);
  // A page-button update keeps to text: only a new answer gets a map (a private one too).
  const map = mode === 'reply' && !done.private ? view.map : undefined;
  if (!deferred) {
    if (updates && !done.private && (interaction.isButton() || interaction.isModalSubmit()))
      await interaction.update(updatePayload(message));
    else await interaction.reply(replyPayload(message));
    markAcknowledged(ctx, interaction);
    if (map) await editInMap(ctx, interaction, message, map, false);
    return;
  }
  if (!done.private) {
    if (map) await editInMap(ctx, interaction, message, map, true);
    else await ctx.responses.editOriginal(interaction, editBody(message));
    return;
  }
  // The deferred answer is public; an error meant for the caller alone goes in a private follow-up.
  if (mode === 'reply') await interaction.deleteReply().catch(() => undefined);
  await interaction.followUp(replyPayload(message));
}

/** Acknowledges now and answers later: an update keeps discord.js's deferUpdate, a reply goes lean. */
async function defer(
  ctx: InteractionContext,
  interaction: ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction,
  updates: boolean,
  visibility: Visibility,
): Promise<void> {
  if (updates && (interaction.isButton() || interaction.isModalSubmit())) await interaction.deferUpdate();
  else {
    const ephemeral = visibility === 'private';
    await ctx.responses.defer(interaction, ephemeral);
    // What discord.js's deferReply records, so its followUp and deleteReply know the state.
    interaction.deferred = true;
    interaction.ephemeral = ephemeral;
  }
  markAcknowledged(ctx, interaction);
}

const acknowledged = new WeakSet<Interaction>();

/** The interaction's first callback went out, or its handling ended without one: counted once. */
export function markAcknowledged(ctx: InteractionContext, interaction: Interaction): void {
  if (acknowledged.has(interaction)) return;
  acknowledged.add(interaction);
  ctx.ackFirst.acknowledged();
}

/** An answer only the asker sees, with a button to share it in the channel. */
function privateAnswer(ctx: InteractionContext, command: CommandDef, raw: Record<string, unknown>, view: View) {
  const message = renderView(view, { private: true });
  const request = shareRequestOf(command, commandPath(ctx.commands, command), raw);
  return request ? withShareButton(message, request, messagesFor(view.language ?? 'en')) : message;
}

/**
 * Public answers rendered, by their View: the executor hands one View to every identical
 * question (see src/executor/shared-answers.ts), which is then rendered once. Read only.
 */
const renderedPublic = new WeakMap<View, RenderedMessage>();

function renderPublic(view: View): RenderedMessage {
  let message = renderedPublic.get(view);
  if (message === undefined) {
    message = renderView(view);
    renderedPublic.set(view, message);
  }
  return message;
}

/**
 * Edits the map into the answer. When the edit with the image fails, a deferred answer (still
 * showing "thinking") gets its text alone; an answer already shown is left as it is.
 */
async function editInMap(
  ctx: InteractionContext,
  interaction: ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction,
  message: RenderedMessage,
  map: ViewMap,
  textPending: boolean,
): Promise<void> {
  const png = await drawMap(map, ctx.renderMap, ctx.logger);
  if (png) {
    try {
      await ctx.responses.editOriginal(interaction, editBody(withMapImage(message)), png);
      return;
    } catch (err) {
      ctx.logger.warn({ err, interaction: interaction.id }, 'discord: could not attach the map');
    }
  }
  if (textPending) await ctx.responses.editOriginal(interaction, editBody(message));
}

/** The result if `work` settles within `ms`, else undefined (work keeps running). */
export async function settleWithin<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
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

export function callerOf(
  interaction: ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction,
): Caller {
  const member = interaction.member;
  const roles = !member ? [] : Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
  const nick = member && 'nick' in member && typeof member.nick === 'string' ? member.nick : undefined;
  return {
    platform: 'discord',
    userId: interaction.user.id,
    userName: nick ?? interaction.user.globalName ?? interaction.user.username,
    teamId: interaction.guildId ?? undefined,
    channelId: interaction.channelId ?? undefined,
    // In a DM there is no channel to manage but the user's own.
    canManageChannel: interaction.inGuild()
      ? (interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false)
      : true,
    roles,
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

/** An edit's body as the API takes it (what updatePayload gives discord.js). */
function editBody(message: RenderedMessage) {
  return { embeds: message.embeds, components: message.components, allowed_mentions: { parse: [] } };
}

export function privateMessage(text: string): InteractionReplyOptions {
  return replyPayload(renderView(errorView(text), { private: true }));
}

/** Last resort: make sure the user sees something, privately. */
export async function answerFailure(ctx: InteractionContext, interaction: Interaction): Promise<void> {
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
