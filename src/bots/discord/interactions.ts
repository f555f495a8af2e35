/**
 * Inbound interactions to the registry's commands: slash commands, page buttons, autocomplete
 * and form submissions. Answering (the 3-second rule, private answers, fallbacks) is answer.ts.
 */
import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  MessageFlags,
} from 'discord.js';
import { resolveSubcommand } from '../../commands/dispatch.ts';
import { takeVisibility } from '../../commands/visibility.ts';
import { UserError, userErrorText } from '../../core/errors.ts';
import { languageOfLocale } from '../../core/i18n/language.ts';
import { messagesFor } from '../../core/i18n/messages.ts';
import { commandAt } from '../../executor/index.ts';
import {
  answer,
  answerFailure,
  type InteractionContext,
  markAcknowledged,
  privateMessage,
  settleWithin,
} from './answer.ts';
import { type CommandRequest, decodeCommandId } from './custom-id.ts';
import { clip } from './escape.ts';
import { handleModalSubmit, openForm, wantsForm } from './forms.ts';
import { LIMITS } from './limits.ts';
import { handleMoreButton, pageRequestOf } from './more.ts';
import { handleShareButton } from './share.ts';
import { decodeShareId } from './share-button.ts';

export async function handleInteraction(ctx: InteractionContext, interaction: Interaction): Promise<void> {
  ctx.ackFirst.received();
  try {
    if (interaction.isAutocomplete()) await handleAutocomplete(ctx, interaction);
    else if (interaction.isChatInputCommand()) await handleCommand(ctx, interaction);
    else if (interaction.isButton()) await handleButton(ctx, interaction);
    else if (interaction.isModalSubmit()) await handleModalSubmit(ctx, interaction);
  } catch (err) {
    ctx.logger.error({ err, interaction: interaction.id }, 'discord interaction failed');
    await answerFailure(ctx, interaction);
  } finally {
    markAcknowledged(ctx, interaction);
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
  const { visibility, raw } = takeVisibility(optionValues(interaction.options.data));
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
  // Discord answers where asked unless the asker wants it private.
  await answer(ctx, interaction, command, raw, 'reply', undefined, visibility ?? 'public');
}

async function handleButton(ctx: InteractionContext, interaction: ButtonInteraction): Promise<void> {
  const request = decodeCommandId(interaction.customId);
  if (request) {
    await handleCommandButton(ctx, interaction, request);
    return;
  }
  const share = decodeShareId(interaction.customId);
  if (share) {
    await handleShareButton(ctx, interaction, share);
    return;
  }
  if (await handleMoreButton(ctx, interaction)) return;
  const page = await pageRequestOf(ctx, interaction.customId);
  const command = page && commandAt(ctx.commands, page.command);
  if (!page || !command) {
    const m = messagesFor(languageOfLocale(interaction.locale) ?? 'en');
    await interaction.reply(privateMessage(userErrorText(new UserError('button-expired'), m)));
    return;
  }
  // A page of a private answer stays private (with its Share button).
  const visibility = interaction.message.flags.has(MessageFlags.Ephemeral) ? 'private' : 'public';
  await answer(ctx, interaction, command, { ...page.args, cursor: page.cursor }, 'update', undefined, visibility);
}

/**
 * A button that runs a command (a lead's Record, Add to event, Dismiss): a command with a form
 * opens it, filled in; another runs and its answer replaces the message the button was on.
 */
async function handleCommandButton(
  ctx: InteractionContext,
  interaction: ButtonInteraction,
  request: CommandRequest,
): Promise<void> {
  const command = commandAt(ctx.commands, request.command);
  if (!command) {
    const m = messagesFor(languageOfLocale(interaction.locale) ?? 'en');
    await interaction.reply(privateMessage(userErrorText(new UserError('button-expired'), m)));
    return;
  }
  if (command.form) await openForm(ctx, interaction, command, command.form, request.command, request.args);
  else await answer(ctx, interaction, command, request.args, 'update');
}

async function handleAutocomplete(ctx: InteractionContext, interaction: AutocompleteInteraction): Promise<void> {
  const def = ctx.commands.find((c) => c.name === interaction.commandName);
  const command = def && resolveSubcommand(def, interaction.options.getSubcommand(false) ?? undefined);
  const focused = interaction.options.getFocused(true);
  const option = command?.options.find((o) => o.name === focused.name);
  const choices = option?.autocomplete === 'place' ? await placeChoices(ctx, String(focused.value)) : [];
  await interaction.respond(choices);
}

/** Discord drops an autocomplete answer after 3 s, and it cannot be deferred. */
const AUTOCOMPLETE_WITHIN_MS = 2000;

/**
 * Places for a partly typed name, best first: the gazetteer's ranking, at most 25, from the
 * executor. The value is the place id, so the command gets exactly the place picked even where
 * names repeat. Suggestions that cannot come in time (or fail) are an empty list: an
 * autocomplete cannot be deferred.
 */
async function placeChoices(ctx: InteractionContext, typed: string): Promise<Array<{ name: string; value: string }>> {
  const suggested = ctx.executor.run({ kind: 'places', typed, limit: LIMITS.autocompleteChoices });
  const places = await settleWithin(
    suggested.catch((err: unknown) => {
      ctx.logger.warn({ err }, 'discord: place suggestions failed');
      return [];
    }),
    AUTOCOMPLETE_WITHIN_MS,
  );
  return (places ?? []).map((p) => ({ name: clip(p.label, LIMITS.choiceName), value: p.id }));
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
