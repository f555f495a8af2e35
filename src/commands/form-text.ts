/**
 * The words of a form field in the asker's language: its label and placeholder from the
 * catalogue by the field's name, the declared English text where the catalogue has none.
 * Placeholders that show what to type (dates, casualty phrases, publishers) keep their syntax.
 */
import type { Messages } from '../core/i18n/messages.ts';
import type { FormFieldDef } from './command-types.ts';

export function fieldLabel(field: FormFieldDef, m: Messages): string {
  return m.t('form.label', { field: field.name, label: field.label });
}

export function fieldPlaceholder(field: FormFieldDef, m: Messages): string | undefined {
  if (!field.placeholder) return undefined;
  return m.t('form.placeholder', { field: field.name, placeholder: field.placeholder });
}
