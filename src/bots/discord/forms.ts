/**
 * Commands declared with a form (`/report`, `/event edit`, a lead's Record button) open a
 * Discord modal for their text fields; choice fields stay slash-command options (a modal holds five inputs). The modal's
 * custom id carries the command and its options, so a submission needs no memory of the opening;
 * the submission runs the command through dispatch like any other.
 */
import type { ButtonInteraction, ChatInputCommandInteraction, ModalSubmitInteraction } from 'discord.js';
import { type APIModalInteractionResponseCallbackData, ComponentType, TextInputStyle } from 'discord-api-types/v10';
import type { ArgValue, CommandDef, FormDef, FormFieldDef } from '../../commands/command-types.ts';
import { fieldLabel, fieldPlaceholder } from '../../commands/form-text.ts';
import { parseArgs } from '../../commands/options.ts';
import { isUserError, UserError, userErrorText } from '../../core/errors.ts';
import { languageOfLocale } from '../../core/i18n/language.ts';
import { type Messages, messagesFor } from '../../core/i18n/messages.ts';
import type { View } from '../../core/view.ts';
import { commandAt } from '../../executor/index.ts';
import { answer, callerOf, type InteractionContext, privateMessage } from './answer.ts';
import { decodeRequestId, encodeRequestId } from './custom-id.ts';
import { clip } from './escape.ts';

const PREFIX = 'fm1';
/** Discord's limits for modals. */
const MODAL = { title: 45, label: 45, placeholder: 100, inputs: 5, value: 4000 } as const;

export const textFields = (form: FormDef): FormFieldDef[] => form.fields.filter((f) => f.style !== 'select');

/** `fm1|<command>|<key>=<value>&...`, or undefined beyond Discord's 100 characters. */
export function encodeFormId(command: string, args: Record<string, ArgValue | undefined>): string | undefined {
  return encodeRequestId(
    PREFIX,
    command,
    Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined && v !== '')),
  );
}

export function decodeFormId(customId: string): { command: string; args: Record<string, string> } | undefined {
  return decodeRequestId(PREFIX, customId);
}

/** The modal for a form's text fields, filled with `initial` values. */
export function modalFor(
  form: FormDef,
  customId: string,
  initial: Record<string, string>,
  m: Messages = messagesFor('en'),
): APIModalInteractionResponseCallbackData {
  return {
    custom_id: customId,
    title: clip(m.t(form.title), MODAL.title),
    components: textFields(form)
      .slice(0, MODAL.inputs)
      .map((field) => {
        const max = Math.min(field.maxLength ?? MODAL.value, MODAL.value);
        const value = initial[field.name];
        return {
          type: ComponentType.Label,
          label: clip(fieldLabel(field, m), MODAL.label),
          component: {
            type: ComponentType.TextInput,
            custom_id: field.name,
            style: field.style === 'paragraph' ? TextInputStyle.Paragraph : TextInputStyle.Short,
            required: field.required ?? false,
            max_length: max,
            ...(field.placeholder
              ? { placeholder: clip(fieldPlaceholder(field, m) ?? field.placeholder, MODAL.placeholder) }
              : {}),
            ...(value ? { value: value.slice(0, max) } : {}),
          },
        };
      }),
  };
}

/** The modal opens unless the text fields were all given as options. */
export function wantsForm(form: FormDef, raw: Record<string, unknown>): boolean {
  const given = (name: string) => raw[name] !== undefined && raw[name] !== '';
  const texts = textFields(form);
  return !texts.some((f) => given(f.name)) || texts.some((f) => f.required && !given(f.name));
}

export async function openForm(
  ctx: InteractionContext,
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  command: CommandDef,
  form: FormDef,
  path: string,
  raw: Record<string, unknown>,
): Promise<void> {
  const missing = form.fields.filter((f) => f.style === 'select' && f.required && raw[f.name] === undefined);
  const m = messagesFor(languageOfLocale(interaction.locale) ?? 'en');
  if (missing.length > 0) {
    const lines = missing.map((f) =>
      m.t('form.choice', { name: f.name, choices: (f.choices ?? []).map((c) => c.value).join(', ') }),
    );
    const err = new UserError('form-choose-first', { command: path, lines: lines.join('\n') });
    await interaction.reply(privateMessage(userErrorText(err, m)));
    return;
  }
  const texts = new Set(textFields(form).map((f) => f.name));
  let initial: Record<string, string>;
  let carried: Record<string, string | number | boolean | undefined>;
  try {
    const args = parseArgs(command, raw);
    initial = await form.open({ services: ctx.services, now: ctx.now(), caller: callerOf(interaction) }, args);
    carried = Object.fromEntries(Object.entries(args).filter(([name]) => !texts.has(name)));
    for (const name of texts) if (args[name] !== undefined) initial[name] = String(args[name]);
  } catch (err) {
    if (!isUserError(err)) throw err;
    await interaction.reply(privateMessage(userErrorText(err, m)));
    return;
  }
  const customId = encodeFormId(path, carried);
  if (!customId) {
    const example = [...texts].map((name) => `${name}:…`).join(' ');
    await interaction.reply(privateMessage(userErrorText(new UserError('form-inline', { command: path, example }), m)));
    return;
  }
  await interaction.showModal(modalFor(form, customId, initial, m));
}

export async function handleModalSubmit(ctx: InteractionContext, interaction: ModalSubmitInteraction): Promise<void> {
  const decoded = decodeFormId(interaction.customId);
  const command = decoded && commandAt(ctx.commands, decoded.command);
  const m = messagesFor(languageOfLocale(interaction.locale) ?? 'en');
  if (!decoded || !command?.form) {
    await interaction.reply(privateMessage(userErrorText(new UserError('form-gone'), m)));
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
        heading: messagesFor(view.language ?? 'en').t('form.typed'),
        fields: command.form?.fields
          .filter((f) => values[f.name])
          .map((f) => ({ label: fieldLabel(f, messagesFor(view.language ?? 'en')), value: values[f.name] ?? '' })),
      },
    ],
  });
  // A form opened from a button (a lead's Record) replaces the message the button was on.
  const mode = interaction.isFromMessage() ? 'update' : 'reply';
  await answer(ctx, interaction, command, { ...decoded.args, ...values }, mode, withTyped);
}
