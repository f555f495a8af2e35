/**
 * The commands about what a channel gets: `/digest` (a preview now, a daily post) and `/alerts`
 * (each new or updated event as it is recorded). Managers subscribe and unsubscribe a channel.
 */
import { digest } from '../core/digest.ts';
import { EventCategory } from '../core/schemas.ts';
import type { CommandDef, OptionDef } from './command-types.ts';
import { answerLanguageOption, LANGUAGE_CHOICES } from './language-command.ts';
import { listSubscriptions, subscribeAlerts, subscribeDigest, unsubscribe } from './subscription-commands.ts';
import { visibilityOption } from './visibility.ts';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export const categoryOption: OptionDef = {
  name: 'category',
  description: 'Kind of event',
  type: 'string',
  choices: EventCategory.options.map((value) => ({ name: value, value })),
  i18n: { fr: { name: 'categorie', description: "Type d'événement" } },
};

export const digestPreviewCommand: CommandDef = {
  name: 'preview',
  readOnly: true,
  sameForEveryone: true,
  description: 'What was reported in a period (default: the last 24 hours)',
  i18n: { fr: { name: 'apercu', description: 'Ce qui a été rapporté sur une période (défaut : 24 heures)' } },
  options: [
    {
      name: 'since',
      description: 'Start of the period, like 2025-03-25',
      type: 'date',
      i18n: { fr: { name: 'depuis', description: 'Début de la période, par ex. 2025-03-25' } },
    },
    {
      name: 'until',
      description: 'Last day of the period (included), like 2025-03-27',
      type: 'date',
      i18n: { fr: { name: 'jusqua', description: 'Dernier jour de la période (inclus), par ex. 2025-03-27' } },
    },
    answerLanguageOption,
    visibilityOption,
  ],
  examples: ['digest preview', 'digest preview since:2025-03-25 until:2025-03-27'],
  run: ({ services, now, language }, a) =>
    digest(services, { since: str(a.since), until: str(a.until), language }, now),
};

const subscriptionLocationOption: OptionDef = {
  name: 'location',
  description: 'Only events at this place in Haiti, places inside it included',
  type: 'string',
  maxLength: 100,
  autocomplete: 'place',
  i18n: { fr: { name: 'lieu', description: 'Seulement les événements à ce lieu en Haïti et dans ses lieux' } },
};

const languageOption: OptionDef = {
  name: 'language',
  description: 'Language of the posts (default: yours)',
  type: 'string',
  choices: LANGUAGE_CHOICES,
  i18n: { fr: { name: 'langue', description: 'Langue des messages (défaut : la vôtre)' } },
};

export const digestSubscribeCommand: CommandDef = {
  name: 'subscribe',
  description: 'Post the digest in this channel every day at a local time',
  i18n: { fr: { name: 'abonner', description: 'Publier le résumé dans ce salon chaque jour à une heure locale' } },
  managersOnly: true,
  options: [
    {
      name: 'time',
      description: 'Local time, 24-hour HH:MM (default 07:00)',
      type: 'string',
      maxLength: 5,
      positional: true,
      i18n: { fr: { name: 'heure', description: 'Heure locale, HH:MM sur 24 h (défaut 07:00)' } },
    },
    {
      name: 'timezone',
      description: 'IANA time zone, like America/Port-au-Prince (the default)',
      type: 'string',
      maxLength: 64,
      i18n: { fr: { name: 'fuseau', description: 'Fuseau horaire IANA, par ex. America/Port-au-Prince (défaut)' } },
    },
    subscriptionLocationOption,
    categoryOption,
    languageOption,
  ],
  examples: ['digest subscribe 07:00', 'digest subscribe time:18:30 timezone:Europe/Paris location:Artibonite'],
  run: subscribeDigest,
};

export const digestUnsubscribeCommand: CommandDef = {
  name: 'unsubscribe',
  description: 'Stop the daily digest in this channel',
  i18n: { fr: { name: 'desabonner', description: 'Arrêter le résumé quotidien dans ce salon' } },
  managersOnly: true,
  options: [],
  examples: ['digest unsubscribe'],
  run: unsubscribe('digest'),
};

export const digestListCommand: CommandDef = {
  name: 'list',
  readOnly: true,
  description: 'Channels here that get the digest, when, and any paused with the reason',
  i18n: { fr: { name: 'liste', description: 'Salons qui reçoivent le résumé, quand, et ceux en pause' } },
  managersOnly: true,
  options: [],
  examples: ['digest list'],
  run: listSubscriptions('digest'),
};

/** `/digest preview` now; subscriptions add their subcommands here. */
export const digestCommand: CommandDef = {
  name: 'digest',
  readOnly: true,
  description: "Daily digests: preview what was reported, manage a channel's subscription",
  i18n: { fr: { name: 'resume', description: 'Résumés quotidiens : aperçu, abonnement du salon' } },
  options: [],
  examples: ['digest preview since:2025-03-25 until:2025-03-27'],
  subcommands: [digestPreviewCommand, digestSubscribeCommand, digestUnsubscribeCommand, digestListCommand],
  defaultSubcommand: 'preview',
  run: ({ services, now, language }) => digest(services, { language }, now),
};

/** `/alerts`: each new or updated event that matches, posted to the channel as it is recorded. */
export const alertsCommand: CommandDef = {
  name: 'alerts',
  description: 'Post each new or updated event in this channel as it is recorded',
  i18n: { fr: { name: 'alertes', description: 'Publier chaque événement nouveau ou mis à jour dans ce salon' } },
  options: [],
  examples: ['alerts subscribe location:Artibonite', 'alerts list'],
  subcommands: [
    {
      name: 'subscribe',
      description: 'Post matching new or updated events in this channel',
      i18n: {
        fr: { name: 'abonner', description: 'Publier ici les événements nouveaux ou mis à jour qui correspondent' },
      },
      managersOnly: true,
      options: [{ ...subscriptionLocationOption, positional: true }, categoryOption, languageOption],
      examples: ['alerts subscribe Artibonite', 'alerts subscribe category:kidnapping'],
      run: subscribeAlerts,
    },
    {
      name: 'unsubscribe',
      description: 'Stop alerts in this channel',
      i18n: { fr: { name: 'desabonner', description: 'Arrêter les alertes dans ce salon' } },
      managersOnly: true,
      options: [],
      examples: ['alerts unsubscribe'],
      run: unsubscribe('alert'),
    },
    {
      name: 'list',
      readOnly: true,
      description: 'Channels here that get alerts, their filters, and any paused with the reason',
      i18n: { fr: { name: 'liste', description: 'Salons qui reçoivent les alertes, leurs filtres, ceux en pause' } },
      managersOnly: true,
      options: [],
      examples: ['alerts list'],
      run: listSubscriptions('alert'),
    },
  ],
  defaultSubcommand: 'list',
  managersOnly: true,
  run: listSubscriptions('alert'),
};
