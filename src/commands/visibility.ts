/**
 * Who sees an answer to a question a person asks: everyone in the channel, or only the asker.
 * Each platform has its default (Discord answers where asked, Slack answers slash commands
 * privately, as Slack itself does); the `visibility` option overrides it. A private answer
 * carries a Share button whose request (the command and its options, the page's cursor among
 * them) runs the same question again and posts it in the channel, saying who shared it.
 */
import { messagesFor } from '../core/i18n/messages.ts';
import type { View } from '../core/view.ts';
import type { CommandDef, OptionDef } from './command-types.ts';

export type Visibility = 'public' | 'private';

export const visibilityOption: OptionDef = {
  name: 'visibility',
  description: 'Who sees the answer: the channel (public) or only you (private)',
  type: 'string',
  choices: [
    { name: 'public', value: 'public' },
    { name: 'private', value: 'private' },
  ],
  i18n: { fr: { name: 'visibilite', description: 'Qui voit la réponse : le salon (public) ou vous seul (private)' } },
};

/** The question a Share button asks again: the command's path ("digest preview") and its options. */
export interface ShareRequest {
  command: string;
  args: Record<string, string | number | boolean>;
}

/** Commands a person asks whose answer can be private and shared: those with the option. */
export function isShareable(command: CommandDef): boolean {
  return command.options.some((o) => o.name === visibilityOption.name);
}

/**
 * The visibility asked for, and the options without it, so identical questions stay identical
 * whoever sees them. A value that is not a choice is left in for the command to refuse.
 */
export function takeVisibility(raw: Record<string, unknown>): {
  visibility: Visibility | undefined;
  raw: Record<string, unknown>;
} {
  const value = typeof raw.visibility === 'string' ? raw.visibility.trim().toLowerCase() : undefined;
  if (value !== 'public' && value !== 'private') return { visibility: undefined, raw };
  const { visibility: _, ...rest } = raw;
  return { visibility: value, raw: rest };
}

/** The request a Share button carries for this question; undefined for a command that is not shared. */
export function shareRequestOf(
  command: CommandDef,
  path: string,
  raw: Record<string, unknown>,
): ShareRequest | undefined {
  if (!isShareable(command)) return undefined;
  const args: ShareRequest['args'] = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === visibilityOption.name) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') args[key] = value;
  }
  return { command: path, args };
}

/** The answer as posted in the channel: its footer says who shared it (the View itself is left alone). */
export function sharedBy(view: View, name: string): View {
  const line = messagesFor(view.language ?? 'en').t('share.by', { name });
  return { ...view, footer: view.footer?.trim() ? `${line} · ${view.footer}` : line };
}

/** What the private answer becomes once shared. */
export function sharedNotice(view: View): View {
  const m = messagesFor(view.language ?? 'en');
  return {
    kind: 'message',
    language: view.language,
    title: m.t('share.done-title'),
    summary: m.t('share.done'),
    sections: [],
  };
}
