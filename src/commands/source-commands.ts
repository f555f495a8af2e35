/**
 * `/sources add|remove|list|pause|resume|triage-channel`, for managers: the feeds and APIs polled
 * for leads, declared once for Discord, Slack and the console, and the channel leads go to.
 */
import { UserError } from '../core/errors.ts';
import { isLanguage } from '../core/i18n/language.ts';
import { messagesFor } from '../core/i18n/messages.ts';
import { SOURCE_KINDS, type SourceKind } from '../core/intake-port.ts';
import { addSource, changeSource, type SourceChange } from '../core/intake-sources.ts';
import type { Subscription } from '../core/subscription-port.ts';
import { sourcesView, WAITING_POSTED, waitingLine } from '../core/triage.ts';
import { intakeOf } from '../core/triage-decisions.ts';
import type { View } from '../core/view.ts';
import { leadPeriod } from '../scheduler/leads.ts';
import type { CommandContext, CommandDef, OptionDef } from './command-types.ts';
import { answerLanguageOption, LANGUAGE_CHOICES } from './language-command.ts';

const nowIso = (ctx: CommandContext) => ctx.now.toISOString();
const whoOf = (ctx: CommandContext) => ctx.caller.userName ?? `${ctx.caller.platform}:${ctx.caller.userId}`;

const sourceIdOption: OptionDef = {
  name: 'id',
  description: 'The source number, as /sources list shows it',
  type: 'integer',
  required: true,
  min: 1,
  positional: true,
};

async function listView(ctx: CommandContext): Promise<View> {
  const intake = intakeOf(ctx.services);
  const triage = (await ctx.services.subscriptions?.activeSubscriptions('triage'))?.[0];
  return sourcesView(await intake.listSources(), triage, ctx.services.settings.timeZone, ctx.language);
}

function changeCommand(verb: SourceChange, description: string, fr: string): CommandDef {
  return {
    name: verb,
    description,
    i18n: { fr: { name: { remove: 'retirer', pause: 'pause', resume: 'reprendre' }[verb], description: fr } },
    managersOnly: true,
    options: [sourceIdOption],
    examples: [`sources ${verb} 3`],
    async run(ctx, a) {
      const m = messagesFor(ctx.language ?? 'en');
      const id = Number(a.id);
      await changeSource(intakeOf(ctx.services), verb, id, m.t('sources.paused-by', { who: whoOf(ctx) }), nowIso(ctx));
      const view = await listView(ctx);
      return { ...view, summary: m.t('sources.done', { id, verb }) };
    },
  };
}

export const sourcesCommand: CommandDef = {
  name: 'sources',
  description: 'Feeds and APIs polled for leads: add, remove, list, pause, resume, triage channel',
  i18n: { fr: { name: 'sources', description: 'Flux et API consultés pour les pistes : ajouter, retirer, lister…' } },
  options: [],
  examples: ['sources list', 'sources add https://reliefweb.int/updates/rss.xml'],
  managersOnly: true,
  defaultSubcommand: 'list',
  run: listView,
  subcommands: [
    {
      name: 'add',
      description: 'Poll a feed (RSS, Atom, JSON Feed) or API (ReliefWeb, ACLED) for leads',
      i18n: { fr: { name: 'ajouter', description: 'Consulter un flux (RSS, Atom, JSON Feed) ou une API' } },
      managersOnly: true,
      options: [
        {
          name: 'url',
          description: 'The feed or API address (http or https)',
          type: 'string',
          required: true,
          maxLength: 1000,
          positional: true,
        },
        {
          name: 'kind',
          description: 'What it serves (guessed from the URL when not given)',
          type: 'string',
          choices: SOURCE_KINDS.map((value) => ({ name: value, value })),
        },
        {
          name: 'every',
          description: 'Minutes between polls (5-10080, default 15)',
          type: 'integer',
          min: 5,
          max: 10_080,
        },
      ],
      examples: ['sources add https://reliefweb.int/updates/rss.xml every:30'],
      async run(ctx, a) {
        const m = messagesFor(ctx.language ?? 'en');
        const { source, added } = await addSource(
          intakeOf(ctx.services),
          {
            url: String(a.url),
            kind: a.kind as SourceKind | undefined,
            everyMinutes: typeof a.every === 'number' ? a.every : undefined,
            addedBy: `${ctx.caller.platform}:${ctx.caller.userId}`,
          },
          nowIso(ctx),
        );
        const view = await listView(ctx);
        return { ...view, summary: m.t('sources.added', { added: added ? 'yes' : 'no', id: source.id }) };
      },
    },
    {
      name: 'list',
      description: 'Every source, its state, when it last delivered and why it is paused',
      i18n: { fr: { name: 'liste', description: 'Chaque source, son état, sa dernière livraison, sa pause' } },
      managersOnly: true,
      options: [answerLanguageOption],
      examples: ['sources list'],
      run: listView,
    },
    changeCommand(
      'remove',
      'Stop polling a source (its leads stay)',
      'Ne plus consulter une source (ses pistes restent)',
    ),
    changeCommand('pause', 'Pause a source until resumed', 'Mettre une source en pause'),
    changeCommand('resume', 'Resume a paused source and poll it now', 'Reprendre une source en pause'),
    {
      name: 'triage-channel',
      description: 'Post new leads in this channel, with Record, Add to event and Dismiss buttons',
      i18n: {
        fr: { name: 'salon-de-tri', description: 'Publier les nouvelles pistes dans ce salon, avec leurs boutons' },
      },
      managersOnly: true,
      options: [
        {
          name: 'language',
          description: 'Language of the lead posts (default: yours)',
          type: 'string',
          choices: LANGUAGE_CHOICES,
        },
      ],
      examples: ['sources triage-channel language:fr'],
      async run(ctx, a) {
        const { caller, services } = ctx;
        const subscriptions = services.subscriptions;
        if (!subscriptions || (caller.platform !== 'discord' && caller.platform !== 'slack') || !caller.channelId)
          throw new UserError('triage-chat-only');
        const intake = intakeOf(services);
        const language = isLanguage(a.language) ? a.language : (ctx.language ?? 'en');
        const channel = { platform: caller.platform, teamId: caller.teamId ?? '', channelId: caller.channelId };
        // One triage channel per installation: setting it here moves it.
        let here: Subscription | undefined;
        for (const other of await subscriptions.activeSubscriptions('triage')) {
          const same = other.platform === channel.platform && other.channelId === channel.channelId;
          if (same) here = other;
          else await subscriptions.removeSubscription(other, 'triage', nowIso(ctx));
        }
        // Leads first seen before now wait: the channel gets the newest of them (see runTriageSubscription).
        const newest = await intake.listLeads({ seenBefore: nowIso(ctx), limit: WAITING_POSTED });
        const waiting =
          newest.length < WAITING_POSTED ? newest.length : await intake.countLeads({ seenBefore: nowIso(ctx) });
        let alreadyHere = 0;
        for (const lead of here ? newest : []) {
          const row = here && (await subscriptions.getLedgerRow(here.id, leadPeriod(lead.id)));
          if (row && row.state === 'sent') alreadyHere += 1;
        }
        await subscriptions.upsertSubscription(
          {
            ...channel,
            kind: 'triage',
            timeZone: services.settings.timeZone,
            language,
            createdBy: caller.userId,
          },
          nowIso(ctx),
        );
        const m = messagesFor(ctx.language ?? 'en');
        const name = LANGUAGE_CHOICES.find((c) => c.value === language)?.name ?? language;
        return {
          kind: 'message',
          language: ctx.language,
          title: m.t('sources.triage-title'),
          summary: `${m.t('sources.triage-set', { language: name })} ${waitingLine(waiting, alreadyHere, ctx.language)}`,
          sections: [],
        };
      },
    },
  ],
};
