/**
 * Every command, declared once. The Discord, Slack and console adapters read this list: their
 * command JSON, manifest, help and parsing all come from here.
 */
import { ask } from '../core/ask.ts';
import { locationReport } from '../core/location.ts';
import type { EventCategory } from '../core/schemas.ts';
import { status } from '../core/status.ts';
import { timeline } from '../core/timeline.ts';
import { alertsCommand, categoryOption, digestCommand } from './channel-commands.ts';
import type { CommandDef } from './command-types.ts';
import { answerLanguageOption, languageCommand } from './language-command.ts';
import { leadsCommand } from './lead-commands.ts';
import { eventCommand, reportCommand } from './report-commands.ts';
import { sourcesCommand } from './source-commands.ts';
import { visibilityOption } from './visibility.ts';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

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

export const askCommand: CommandDef = {
  name: 'ask',
  readOnly: true,
  sameForEveryone: true,
  description: 'Ask anything about the mission: a place, casualties, a figure, a person, a claim',
  i18n: {
    fr: {
      name: 'question',
      description: 'Une question sur la mission : un lieu, des victimes, un chiffre, une personne',
    },
  },
  options: [
    {
      name: 'question',
      description: 'Your question, like "who is missing?" or "what happened near Pont-Sondé?"',
      type: 'string',
      required: true,
      maxLength: 500,
      positional: true,
      rest: true,
      i18n: { fr: { name: 'question', description: 'Votre question, par ex. « qui est porté disparu ? »' } },
    },
    answerLanguageOption,
    visibilityOption,
  ],
  examples: ['ask what happened near pont sonde?', 'ask how many Kenyans were killed', 'ask attaques à Kenscoff'],
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
