/**
 * Every command, declared once. The Discord, Slack and console adapters read this list: their
 * command JSON, manifest, help and parsing all come from here.
 */
import { ask } from '../core/ask.ts';
import { digest } from '../core/digest.ts';
import { locationReport } from '../core/location.ts';
import { EventCategory } from '../core/schemas.ts';
import { status } from '../core/status.ts';
import { timeline } from '../core/timeline.ts';
import type { CommandDef, OptionDef } from './command-types.ts';
import { answerLanguageOption, LANGUAGE_CHOICES, languageCommand } from './language-command.ts';
import { leadsCommand } from './lead-commands.ts';
import { eventCommand, reportCommand } from './report-commands.ts';
import { sourcesCommand } from './source-commands.ts';
import { listSubscriptions, subscribeAlerts, subscribeDigest, unsubscribe } from './subscription-commands.ts';
import { visibilityOption } from './visibility.ts';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

const categoryOption: OptionDef = {
  name: 'category',
  description: 'Kind of event',
  type: 'string',
  choices: EventCategory.options.map((value) => ({ name: value, value })),
  i18n: { fr: { name: 'categorie', description: "Type d'événement" } },
};

export const statusCommand: CommandDef = {
  name: 'status',
  readOnly: true,
  sameForEveryone: true,
  description: "The mission's state: personnel, countries, casualties, latest incidents, figures",
  i18n: { fr: { name: 'etat', description: 'État de la mission : effectifs, pays, victimes, derniers incidents' } },
  options: [answerLanguageOption, visibilityOption],
  examples: ['status', 'status language:ht', 'status visibility:public'],
  run: ({ services, now, language }) => status(services, now, language),
};

export const timelineCommand: CommandDef = {
  name: 'timeline',
  readOnly: true,
  sameForEveryone: true,
  description: 'What happened when, newest first, with filters',
  i18n: { fr: { name: 'chronologie', description: 'Ce qui s’est passé et quand, du plus récent au plus ancien' } },
  options: [
    {
      name: 'from',
      description: 'Earliest date, like 2025-03-01',
      type: 'date',
      i18n: { fr: { name: 'depuis', description: 'Date de début, par ex. 2025-03-01' } },
    },
    {
      name: 'to',
      description: 'Latest date (inclusive), like 2025-03-31',
      type: 'date',
      i18n: { fr: { name: 'jusqua', description: 'Date de fin (incluse), par ex. 2025-03-31' } },
    },
    {
      name: 'location',
      description: 'A place in Haiti; places inside it are included',
      type: 'string',
      maxLength: 100,
      autocomplete: 'place',
      positional: true,
      i18n: { fr: { name: 'lieu', description: 'Un lieu en Haïti, avec les lieux qu’il contient' } },
    },
    categoryOption,
    {
      name: 'actor',
      description: 'Who was involved, like mss, hnp or gangs',
      type: 'string',
      maxLength: 60,
      i18n: { fr: { name: 'acteur', description: 'Qui était impliqué, par ex. mss, hnp ou gangs' } },
    },
    {
      name: 'limit',
      description: 'Events per page (1-25)',
      type: 'integer',
      min: 1,
      max: 25,
      i18n: { fr: { name: 'nombre', description: 'Événements par page (1-25)' } },
    },
    { name: 'cursor', description: 'Page position from a previous answer', type: 'string', maxLength: 200 },
    answerLanguageOption,
    visibilityOption,
  ],
  examples: ['timeline', 'timeline location:"pont sonde" from:2025-03-01', 'timeline category:attack limit:5'],
  run: ({ services, now, language }, a) =>
    timeline(
      services,
      {
        from: str(a.from),
        to: str(a.to),
        location: str(a.location),
        category: str(a.category) as EventCategory | undefined,
        actor: str(a.actor),
        limit: num(a.limit),
        cursor: str(a.cursor),
      },
      now,
      language,
    ),
};

export const locationCommand: CommandDef = {
  name: 'location',
  readOnly: true,
  sameForEveryone: true,
  description: 'What happened at a place and around it',
  i18n: { fr: { name: 'lieu', description: 'Ce qui s’est passé à un endroit et autour' } },
  options: [
    {
      name: 'name',
      description: 'A town, commune, neighbourhood or department of Haiti',
      type: 'string',
      required: true,
      maxLength: 100,
      autocomplete: 'place',
      positional: true,
      rest: true,
      i18n: { fr: { name: 'nom', description: 'Une ville, commune, quartier ou département d’Haïti' } },
    },
    {
      name: 'radius_km',
      description: 'Also include events within this many km (0-200)',
      type: 'number',
      min: 0,
      max: 200,
      i18n: { fr: { name: 'rayon_km', description: 'Inclure aussi les événements à moins de N km (0-200)' } },
    },
    answerLanguageOption,
    visibilityOption,
  ],
  examples: ['location Kenscoff', 'location "pont sonde" radius_km:25'],
  run: ({ services, now, language }, a) =>
    locationReport(services, String(a.name), { radiusKm: num(a.radius_km) }, now, language),
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

export const askCommand: CommandDef = {
  name: 'ask',
  readOnly: true,
  sameForEveryone: true,
  description: 'Ask a question about a place, like "what happened near Pont-Sondé?"',
  i18n: {
    fr: { name: 'question', description: 'Une question sur un lieu, par ex. « que s’est-il passé à Kenscoff ? »' },
  },
  options: [
    {
      name: 'question',
      description: 'Your question, naming a place in Haiti',
      type: 'string',
      required: true,
      maxLength: 500,
      positional: true,
      rest: true,
      i18n: { fr: { name: 'question', description: 'Votre question, avec un lieu en Haïti' } },
    },
    answerLanguageOption,
    visibilityOption,
  ],
  examples: ['ask what happened near pont sonde?', 'ask attaques à Kenscoff'],
  run: ({ services, now, languageClues }, a) => ask(services, String(a.question), now, languageClues),
};

/** The registry, in the order help lists it. */
export const commands: readonly CommandDef[] = [
  statusCommand,
  timelineCommand,
  locationCommand,
  digestCommand,
  alertsCommand,
  askCommand,
  reportCommand,
  eventCommand,
  languageCommand,
  sourcesCommand,
  leadsCommand,
];

export function findCommand(name: string): CommandDef | undefined {
  return commands.find((c) => c.name === name);
}
