/**
 * `/language set en|fr|ht`: the language Sitrep answers this user in when the question does not
 * say. Discord and Slack have no Creole locale, so this is how a Creole speaker is answered in
 * Creole without asking each time. Kept per user (platform, team, user) in the subscription store.
 */
import { UserError } from '../core/errors.ts';
import { isLanguage, LANGUAGES } from '../core/i18n/language.ts';
import { messagesFor } from '../core/i18n/messages.ts';
import type { View } from '../core/view.ts';
import type { CommandContext, CommandDef, OptionDef } from './command-types.ts';

export const LANGUAGE_CHOICES = [
  { name: 'English', value: 'en' },
  { name: 'Français', value: 'fr' },
  { name: 'Kreyòl ayisyen', value: 'ht' },
] as const;

/** The `language` option of read commands: answer in this language this once. */
export const answerLanguageOption: OptionDef = {
  name: 'language',
  description: 'Language of the answer (default: your question’s, your choice, or your locale)',
  type: 'string',
  choices: LANGUAGE_CHOICES,
  i18n: { fr: { name: 'langue', description: 'Langue de la réponse (défaut : celle de la question ou la vôtre)' } },
};

function userOf(ctx: CommandContext) {
  const { caller, services } = ctx;
  if (!services.subscriptions || (caller.platform !== 'discord' && caller.platform !== 'slack'))
    throw new UserError('subscriptions-unavailable');
  return {
    store: services.subscriptions,
    user: { platform: caller.platform, teamId: caller.teamId ?? '', userId: caller.userId },
  };
}

function saved(language: string): View {
  const m = messagesFor(isLanguage(language) ? language : 'en');
  const name = LANGUAGE_CHOICES.find((c) => c.value === language)?.name ?? language;
  return {
    kind: 'message',
    title: m.t('language.saved-title'),
    summary: m.t('language.saved', { name }),
    sections: [],
  };
}

export const languageCommand: CommandDef = {
  name: 'language',
  description: 'The language Sitrep answers you in: English, French or Haitian Creole',
  i18n: {
    fr: { name: 'langue', description: 'La langue des réponses de Sitrep : anglais, français ou créole haïtien' },
  },
  options: [],
  examples: ['language set ht', 'language show'],
  defaultSubcommand: 'show',
  subcommands: [
    {
      name: 'set',
      description: 'Answer me in this language when my question does not say',
      i18n: { fr: { name: 'choisir', description: 'Me répondre dans cette langue quand la question ne le dit pas' } },
      options: [{ ...answerLanguageOption, required: true, positional: true, description: 'en, fr or ht' }],
      examples: ['language set ht'],
      async run(ctx, args) {
        const language = String(args.language);
        if (!isLanguage(language)) throw new UserError('bad-language', { given: language }, [...LANGUAGES]);
        const { store, user } = userOf(ctx);
        await store.setUserLanguage(user, language, ctx.now.toISOString());
        return saved(language);
      },
    },
    {
      name: 'show',
      description: 'Which language Sitrep answers you in',
      i18n: { fr: { name: 'afficher', description: 'La langue dans laquelle Sitrep vous répond' } },
      options: [],
      examples: ['language show'],
      async run(ctx) {
        const m = messagesFor(ctx.language ?? 'en');
        const name = LANGUAGE_CHOICES.find((c) => c.value === (ctx.language ?? 'en'))?.name ?? 'English';
        return {
          kind: 'message',
          title: m.t('language.saved-title'),
          summary: m.t('language.current', { name }),
          sections: [],
        };
      },
    },
  ],
  run: async (ctx) => saved(ctx.language ?? 'en'),
};
