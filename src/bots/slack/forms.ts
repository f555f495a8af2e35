/**
 * Commands declared with a form (`/report`, `/event edit`) open a Slack modal view: a text input
 * for each text field, a static select for each choice. The view's private_metadata carries the
 * command, its other options and the channel, so a submission needs no memory of the opening.
 * A submission runs through the same submitForm as every platform; a bad field is answered with
 * `response_action: "errors"`, which Slack shows under that field, keeping what was typed.
 */
import type { types } from '@slack/bolt';
import type { CommandDef, FormDef, FormFieldDef } from '../../commands/command-types.ts';
import { resolveSubcommand } from '../../commands/dispatch.ts';
import { fieldLabel, fieldPlaceholder } from '../../commands/form-text.ts';
import type { Language } from '../../core/i18n/language.ts';
import { type Messages, messagesFor } from '../../core/i18n/messages.ts';

export const FORM_CALLBACK_ID = 'sitrep_form';
/** The action_id of every input; the block_id is the field name. */
export const FORM_ACTION_ID = 'value';

/** Slack's limits for modal views (docs.slack.dev, "Modals" and "Blocks" reference). */
export const MODAL_LIMITS = {
  title: 24,
  button: 24,
  label: 2000,
  placeholder: 150,
  inputValue: 3000,
  privateMetadata: 3000,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  blocks: 100,
} as const;

export interface FormMetadata {
  /** `report`, `event edit`. */
  command: string;
  /** The command's options that are not fields of the form (an event id, a reason). */
  args: Record<string, string>;
  /** Where the command was run: the confirmation goes there. */
  channel?: string | undefined;
  /** The message whose button opened the form (a lead's Record): the answer replaces it. */
  ts?: string | undefined;
}

const plain = (text: string, max: number): types.PlainTextElement => ({ type: 'plain_text', text: clip(text, max) });

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The form opens unless every field it needs was given inline (`/report when:... place:...`). */
export function wantsForm(form: FormDef, raw: Record<string, unknown>): boolean {
  const given = (f: FormFieldDef) => raw[f.name] !== undefined && raw[f.name] !== '';
  return !form.fields.some(given) || form.fields.some((f) => f.required && !given(f));
}

export function encodeFormMetadata(meta: FormMetadata): string | undefined {
  const text = JSON.stringify({ c: meta.command, a: meta.args, ch: meta.channel, ts: meta.ts });
  return text.length <= MODAL_LIMITS.privateMetadata ? text : undefined;
}

export function decodeFormMetadata(text: string): FormMetadata | undefined {
  try {
    const parsed = JSON.parse(text) as { c?: unknown; a?: unknown; ch?: unknown; ts?: unknown };
    if (typeof parsed.c !== 'string' || typeof parsed.a !== 'object' || parsed.a === null) return undefined;
    const args: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed.a)) if (typeof v === 'string') args[k] = v;
    return {
      command: parsed.c,
      args,
      channel: typeof parsed.ch === 'string' ? parsed.ch : undefined,
      ts: typeof parsed.ts === 'string' ? parsed.ts : undefined,
    };
  } catch {
    return undefined;
  }
}

/** The command a submitted view names, if it still has a form. */
export function formCommand(commands: readonly CommandDef[], name: string): CommandDef | undefined {
  const [root, sub] = name.split(' ');
  const def = commands.find((c) => c.name === root);
  const command = def && resolveSubcommand(def, sub);
  return command?.form ? command : undefined;
}

/** The modal view for a form, filled with `initial` values. */
export function modalFor(
  form: FormDef,
  metadata: string,
  initial: Record<string, string>,
  language: Language = 'en',
): types.ModalView {
  const m = messagesFor(language);
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    title: plain(m.t(form.title), MODAL_LIMITS.title),
    submit: plain(m.t('form.submit'), MODAL_LIMITS.button),
    close: plain(m.t('form.cancel'), MODAL_LIMITS.button),
    private_metadata: metadata,
    blocks: form.fields.slice(0, MODAL_LIMITS.blocks).map((field) => inputBlock(field, initial[field.name], m)),
  };
}

function inputBlock(field: FormFieldDef, value: string | undefined, m: Messages): types.InputBlock {
  const base = {
    type: 'input' as const,
    block_id: field.name,
    label: plain(fieldLabel(field, m), MODAL_LIMITS.label),
    optional: !field.required,
  };
  const text = fieldPlaceholder(field, m);
  const placeholder = text ? { placeholder: plain(text, MODAL_LIMITS.placeholder) } : {};
  if (field.style === 'select') {
    const options = (field.choices ?? []).slice(0, MODAL_LIMITS.selectOptions).map((c) => ({
      text: plain(c.name, MODAL_LIMITS.optionText),
      value: c.value.slice(0, MODAL_LIMITS.optionValue),
    }));
    const selected = options.find((o) => o.value === value);
    return {
      ...base,
      element: {
        type: 'static_select',
        action_id: FORM_ACTION_ID,
        options,
        ...placeholder,
        ...(selected ? { initial_option: selected } : {}),
      },
    };
  }
  const max = Math.min(field.maxLength ?? MODAL_LIMITS.inputValue, MODAL_LIMITS.inputValue);
  return {
    ...base,
    element: {
      type: 'plain_text_input',
      action_id: FORM_ACTION_ID,
      multiline: field.style === 'paragraph',
      max_length: max,
      ...placeholder,
      ...(value ? { initial_value: value.slice(0, max) } : {}),
    },
  };
}

type StateValues = Record<
  string,
  Record<string, { value?: string | null; selected_option?: { value: string } | null }>
>;

/** What the user typed or chose, by field name; empty fields are left out. */
export function submittedValues(form: FormDef, state: StateValues): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of form.fields) {
    const input = state[field.name]?.[FORM_ACTION_ID];
    const value = input?.selected_option?.value ?? input?.value ?? '';
    if (value.trim() !== '') values[field.name] = value;
  }
  return values;
}

/**
 * Per-field errors keyed by block id, as `response_action: "errors"` wants them. An error about
 * something that is not a field of the modal is shown under the first field.
 */
export function blockErrors(form: FormDef, errors: Record<string, string>): Record<string, string> {
  const names = new Set(form.fields.map((f) => f.name));
  const first = form.fields[0]?.name ?? 'form';
  const out: Record<string, string> = {};
  for (const [name, message] of Object.entries(errors)) {
    const key = names.has(name) ? name : first;
    out[key] = out[key] ? `${out[key]} ${message}` : message;
  }
  return out;
}

/** A modal that only says something (a refusal after submitting), with a Close button. */
export function noticeModal(title: string, text: string, language: Language = 'en'): types.ModalView {
  return {
    type: 'modal',
    title: plain(title, MODAL_LIMITS.title),
    close: plain(messagesFor(language).t('form.close'), MODAL_LIMITS.button),
    blocks: [{ type: 'section', text: plain(text, 3000) }],
  };
}
