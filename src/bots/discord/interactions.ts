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
  type ModalSubmitInteraction,
  PermissionFlagsBits,
} from 'discord.js';
import { isUserError } from '../../core/errors.ts';
import type { Gazetteer } from '../../core/places.ts';
import type { Services } from '../../core/services.ts';
import type { View } from '../../core/view.ts';
import type { Caller, CommandDef, FormDef } from '../command-types.ts';
import { type DispatchLogger, type DispatchResult, dispatch, errorView, resolveSubcommand } from '../dispatch.ts';
import { parseArgs } from '../options.ts';
import { decodePageId } from './custom-id.ts';
import { clip } from './escape.ts';
import { decodeFormId, encodeFormId, modalFor, textFields } from './forms.ts';
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
    else if (interaction.isModalSubmit()) await handleModalSubmit(ctx, interaction);
  } catch (err) {
    ctx.logger.error({ err, interaction: interaction.id }, 'discord interaction failed');
    await answerFailure(ctx, interaction);
  }
}

async function handleCommand(ctx: InteractionContext, interaction: ChatInputCommandInteraction): Promise<void> {
  const def = ctx.commands.find((c) => c.name === interaction.commandName);
  const sub = interaction.options.getSubcommand(false) ?? undefined;
  const command = def && resolveSubcommand(def, sub);
  if (!command) {
    await interaction.reply(privateMessage(`/${interaction.commandName} is not a command of this bot any more.`));
    return;
  }
  const raw = optionValues(interaction.options.data);
  if (command.form && wantsForm(command.form, raw)) {
    await openForm(
      ctx,
      interaction,
      command,
      command.form,
      [interaction.commandName, sub].filter(Boolean).join(' '),
      raw,
    );
    return;
  }
  await answer(ctx, interaction, command, raw, 'reply');
}

/** The modal opens unless the text fields were all given as options. */
function wantsForm(form: FormDef, raw: Record<string, unknown>): boolean {
  const given = (name: string) => raw[name] !== undefined && raw[name] !== '';
  const texts = textFields(form);
  return !texts.some((f) => given(f.name)) || texts.some((f) => f.required && !given(f.name));
}

async function openForm(
  ctx: InteractionContext,
  interaction: ChatInputCommandInteraction,
  command: CommandDef,
  form: FormDef,
  path: string,
  raw: Record<string, unknown>,
): Promise<void> {
  const missing = form.fields.filter((f) => f.style === 'select' && f.required && raw[f.name] === undefined);
  if (missing.length > 0) {
    const lines = missing.map((f) => `${f.name}: one of ${(f.choices ?? []).map((c) => c.value).join(', ')}`);
    await interaction.reply(
      privateMessage(`Choose these options of /${path} first, then the form opens:\n${lines.join('\n')}`),
    );
    return;
  }
  const texts = new Set(textFields(form).map((f) => f.name));
  let initial: Record<string, string>;
  let carried: Record<string, string | number | boolean | undefined>;
  try {
    const args = parseArgs(command, raw);
    initial = form.open({ services: ctx.services, now: ctx.now(), caller: callerOf(interaction) }, args);
    carried = Object.fromEntries(Object.entries(args).filter(([name]) => !texts.has(name)));
    for (const name of texts) if (args[name] !== undefined) initial[name] = String(args[name]);
  } catch (err) {
    if (!isUserError(err)) throw err;
    await interaction.reply(privateMessage(err.message));
    return;
  }
  const customId = encodeFormId(path, carried);
  if (!customId) {
    const example = [...texts].map((name) => `${name}:…`).join(' ');
    await interaction.reply(
      privateMessage(
        `These options are too long to carry into the form; give the fields as options instead: /${path} ${example}`,
      ),
    );
    return;
  }
  await interaction.showModal(modalFor(form, customId, initial));
}

async function handleModalSubmit(ctx: InteractionContext, interaction: ModalSubmitInteraction): Promise<void> {
  const decoded = decodeFormId(interaction.customId);
  const [name, sub] = decoded ? decoded.command.split(' ') : [];
  const def = ctx.commands.find((c) => c.name === name);
  const command = def && resolveSubcommand(def, sub);
  if (!decoded || !command?.form) {
    await interaction.reply(privateMessage('This form no longer works; run the command again.'));
    return;
  }
  const values: Record<string, string> = {};
  for (const field of textFields(command.form)) {
    const value = interaction.fields.fields.has(field.name) ? interaction.fields.getTextInputValue(field.name) : '';
    if (value.trim() !== '') values[field.name] = value;
  }
  // A modal cannot be shown again after a submission: a rejected one shows what was typed, to copy.
  const withTyped = (view: View): View => ({
    ...view,
    sections: [
      ...view.sections,
      {
        heading: 'What you typed',
        fields: command.form?.fields
          .filter((f) => values[f.name])
          .map((f) => ({ label: f.label, value: values[f.name] ?? '' })),
      },
    ],
  });
  await answer(ctx, interaction, command, { ...decoded.args, ...values }, 'reply', withTyped);
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
  interaction: ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction,
  command: CommandDef,
  raw: Record<string, unknown>,
  mode: 'reply' | 'update',
  decoratePrivate: (view: View) => View = (view) => view,
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
  const message = renderView(done.private ? decoratePrivate(done.view) : done.view, { private: done.private });
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

function callerOf(interaction: ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction): Caller {
  const member = interaction.member;
  const roles = !member ? [] : Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
  return {
    platform: 'discord',
    userId: interaction.user.id,
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
