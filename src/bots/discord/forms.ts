/**
 * Commands declared with a form (`/report`, `/event edit`) open a Discord modal for their text
 * fields; choice fields stay slash-command options (a modal holds five inputs). The modal's
 * custom id carries the command and its options, so a submission needs no memory of the opening.
 */
import { type APIModalInteractionResponseCallbackData, ComponentType, TextInputStyle } from 'discord-api-types/v10';
import type { ArgValue, FormDef, FormFieldDef } from '../command-types.ts';
import { clip } from './escape.ts';
import { LIMITS } from './limits.ts';

const PREFIX = 'fm1';
/** Discord's limits for modals. */
const MODAL = { title: 45, label: 45, placeholder: 100, inputs: 5, value: 4000 } as const;

export const textFields = (form: FormDef): FormFieldDef[] => form.fields.filter((f) => f.style !== 'select');

/** `fm1|<command>|<key>=<value>&...`, or undefined beyond Discord's 100 characters. */
export function encodeFormId(command: string, args: Record<string, ArgValue | undefined>): string | undefined {
  const pairs = Object.entries(args)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  const id = [PREFIX, encodeURIComponent(command), pairs.join('&')].join('|');
  return id.length <= LIMITS.customId ? id : undefined;
}

export function decodeFormId(customId: string): { command: string; args: Record<string, string> } | undefined {
  const parts = customId.split('|');
  if (parts.length !== 3 || parts[0] !== PREFIX || !parts[1]) return undefined;
  try {
    const args: Record<string, string> = {};
    for (const pair of parts[2] ? parts[2].split('&') : []) {
      const eq = pair.indexOf('=');
      if (eq <= 0) return undefined;
      args[decodeURIComponent(pair.slice(0, eq))] = decodeURIComponent(pair.slice(eq + 1));
    }
    return { command: decodeURIComponent(parts[1]), args };
  } catch {
    return undefined;
  }
}

/** The modal for a form's text fields, filled with `initial` values. */
export function modalFor(
  form: FormDef,
  customId: string,
  initial: Record<string, string>,
): APIModalInteractionResponseCallbackData {
  return {
    custom_id: customId,
    title: clip(form.title, MODAL.title),
    components: textFields(form)
      .slice(0, MODAL.inputs)
      .map((field) => {
        const max = Math.min(field.maxLength ?? MODAL.value, MODAL.value);
        const value = initial[field.name];
        return {
          type: ComponentType.Label,
          label: clip(field.label, MODAL.label),
          component: {
            type: ComponentType.TextInput,
            custom_id: field.name,
            style: field.style === 'paragraph' ? TextInputStyle.Paragraph : TextInputStyle.Short,
            required: field.required ?? false,
            max_length: max,
            ...(field.placeholder ? { placeholder: clip(field.placeholder, MODAL.placeholder) } : {}),
            ...(value ? { value: value.slice(0, max) } : {}),
          },
        };
      }),
  };
}
