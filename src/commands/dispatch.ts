/**
 * The one entry point every adapter calls: chooses the language, checks the arguments, runs the
 * command, and turns every failure into an answer. A UserError becomes a private message naming
 * the problem in the caller's language; any other error is logged once and answered with the
 * one fallback message, so no interaction goes unanswered and nothing crashes the process.
 */
import { fallbackText, isUserError, type UserError, userErrorText } from '../core/errors.ts';
import { chooseLanguage, isLanguage, type Language, type LanguageClues } from '../core/i18n/language.ts';
import { messagesFor } from '../core/i18n/messages.ts';
import type { View } from '../core/view.ts';
import type { CommandContext, CommandDef } from './command-types.ts';
import { parseArgs } from './options.ts';

export interface DispatchResult {
  view: View;
  /** The caller made a mistake or may not do this: answer privately. */
  private: boolean;
  /** The command failed on our side; already logged. */
  failed: boolean;
}

export interface DispatchLogger {
  error(obj: object, msg: string): void;
}

/** Resolves `digest subscribe` to its subcommand; returns the command itself when it has none. */
export function resolveSubcommand(command: CommandDef, sub: string | undefined): CommandDef | undefined {
  if (!command.subcommands) return command;
  const name = sub ?? command.defaultSubcommand;
  return command.subcommands.find((s) => s.name === name);
}

/**
 * What tells the answer's language, but the question's own (ask reads that): the `language`
 * option, the user's saved choice, the locale, the channel's subscription.
 */
export async function languageClues(rawArgs: Record<string, unknown>, ctx: CommandContext): Promise<LanguageClues> {
  const { caller, services } = ctx;
  const explicit = typeof rawArgs.language === 'string' ? rawArgs.language.trim().toLowerCase() : undefined;
  const clues: LanguageClues = { explicit: isLanguage(explicit) ? explicit : undefined, locale: caller.locale };
  const subscriptions = services.subscriptions;
  if (!subscriptions || clues.explicit || (caller.platform !== 'discord' && caller.platform !== 'slack')) return clues;
  const teamId = caller.teamId ?? '';
  try {
    clues.chosen = await subscriptions.userLanguage({ platform: caller.platform, teamId, userId: caller.userId });
    if (!clues.chosen && !clues.locale && caller.channelId) {
      const digests = await subscriptions.listSubscriptions(caller.platform, teamId, 'digest');
      clues.channel = digests.find((s) => s.channelId === caller.channelId)?.language;
    }
  } catch {
    // The language is a preference: a store that cannot say answers in the next one.
  }
  return clues;
}

export async function dispatch(
  command: CommandDef,
  rawArgs: Record<string, unknown>,
  context: CommandContext,
  log: DispatchLogger,
): Promise<DispatchResult> {
  let language: Language = context.language ?? 'en';
  try {
    const clues = context.languageClues ?? (await languageClues(rawArgs, context));
    language = context.language ?? chooseLanguage(clues);
    const ctx: CommandContext = { ...context, language, languageClues: clues };
    if (command.managersOnly && !ctx.caller.canManageChannel) {
      return {
        view: errorView(messagesFor(language).t('error.managers-only'), language),
        private: true,
        failed: false,
      };
    }
    const args = parseArgs(command, rawArgs);
    const view = await command.run(ctx, args);
    return { view, private: false, failed: false };
  } catch (err) {
    if (isUserError(err)) return { view: userErrorView(err, language), private: true, failed: false };
    log.error({ err, command: command.name, platform: context.caller.platform }, 'command failed');
    return { view: fallbackView(language), private: true, failed: true };
  }
}

export function errorView(message: string, language: Language = 'en'): View {
  return { kind: 'error', language, title: messagesFor(language).t('error.title'), summary: message, sections: [] };
}

export function userErrorView(err: UserError, language: Language = 'en'): View {
  return errorView(userErrorText(err, messagesFor(language)), language);
}

export function fallbackView(language: Language = 'en'): View {
  return errorView(fallbackText(messagesFor(language)), language);
}
