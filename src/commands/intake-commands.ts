/**
 * `/sources add|remove|list|pause|resume|triage-channel` (managers) and `/leads` with the triage
 * decisions its buttons run (`leads record|attach|dismiss <id>`, reporters), declared once for
 * Discord, Slack and the console. Record and Add to event are forms, filled in from the lead.
 */
import { UserError } from '../core/errors.ts';
import { isLanguage } from '../core/i18n/language.ts';
import { messagesFor } from '../core/i18n/messages.ts';
import { OPEN_LEAD_STATES, SOURCE_KINDS, type SourceKind } from '../core/intake-port.ts';
import { addSource, changeSource, type SourceChange } from '../core/intake-sources.ts';
import { leadsView, nearbyEvents, sourcesView } from '../core/triage.ts';
import {
  attachLead,
  dismissLead,
  intakeOf,
  leadFormValues,
  openLead,
  recordLead,
  type TriageBy,
  type TriageResult,
} from '../core/triage-decisions.ts';
import type { View } from '../core/view.ts';
import type {
  Args,
  CommandContext,
  CommandDef,
  FormDef,
  FormFieldDef,
  FormResult,
  OptionDef,
} from './command-types.ts';
import { answerLanguageOption, LANGUAGE_CHOICES } from './language-command.ts';
import { formValuesFromArgs, mayReport, REPORT_FORM_FIELDS } from './report-commands.ts';

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
        intakeOf(services);
        const language = isLanguage(a.language) ? a.language : (ctx.language ?? 'en');
        const channel = { platform: caller.platform, teamId: caller.teamId ?? '', channelId: caller.channelId };
        // One triage channel per installation: setting it here moves it.
        for (const other of await subscriptions.activeSubscriptions('triage')) {
          const same = other.platform === channel.platform && other.channelId === channel.channelId;
          if (!same) await subscriptions.removeSubscription(other, 'triage', nowIso(ctx));
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
          summary: m.t('sources.triage-set', { language: name }),
          sections: [],
        };
      },
    },
  ],
};

/** May act on leads: reporters (as for /report). */
function triageBy(ctx: CommandContext): TriageBy {
  if (!mayReport(ctx.caller, ctx.services.settings.reporters)) throw new UserError('forbidden-reporter');
  return {
    author: `${ctx.caller.platform}:${ctx.caller.userId}`,
    name: whoOf(ctx),
    now: ctx.now,
    language: ctx.language,
  };
}

const leadIdOption: OptionDef = {
  name: 'id',
  description: 'The lead number, as /leads shows it',
  type: 'integer',
  required: true,
  min: 1,
  positional: true,
};

/** Record's fields: the report's, all text (a button's form cannot take slash-command choices). */
const RECORD_FIELDS: FormFieldDef[] = REPORT_FORM_FIELDS.filter((f) =>
  ['when', 'place', 'category', 'casualties', 'summary'].includes(f.name),
).map((f) =>
  f.name === 'category'
    ? {
        name: 'category',
        label: 'Category',
        style: 'short',
        required: true,
        maxLength: 40,
        placeholder: f.choices
          ?.map((c) => c.value)
          .join(', ')
          .slice(0, 100),
        i18n: { fr: { label: 'Catégorie' } },
      }
    : f,
);

const ATTACH_FIELDS: FormFieldDef[] = [
  {
    name: 'event',
    label: 'Event id (the likely one is filled in)',
    style: 'short',
    required: true,
    maxLength: 120,
    i18n: { fr: { label: 'Identifiant de l’événement' } },
  },
  {
    name: 'field',
    label: 'Conflicting? What it says differently',
    style: 'short',
    maxLength: 20,
    placeholder: 'place, date, casualties or summary; empty if it agrees',
    i18n: { fr: { label: 'Version contraire ? Sur quoi' } },
  },
  {
    name: 'value',
    label: 'What this source says about it',
    style: 'short',
    maxLength: 500,
    placeholder: 'Kenscoff',
    i18n: { fr: { label: 'Ce que dit cette source' } },
  },
];

const textOptions = (fields: readonly FormFieldDef[]): OptionDef[] =>
  fields.map((f) => ({ name: f.name, description: f.label, type: 'string', maxLength: f.maxLength ?? 500 }));

function toForm(result: TriageResult, values: Record<string, string>): FormResult {
  return result.ok
    ? { ok: true, view: result.view }
    : { ok: false, errors: result.errors as Record<string, string>, values };
}

function runLeadForm(form: FormDef) {
  return async (ctx: CommandContext, args: Args) => {
    const result = await form.submit(ctx, args, formValuesFromArgs(form, args));
    if (!result.ok) {
      const problems = Object.entries(result.errors).map(([field, text]) => `${field}: ${text}`);
      throw new UserError('report-invalid', { problems: `\n${problems.join('\n')}` });
    }
    return result.view;
  };
}

export const leadRecordForm: FormDef = {
  title: 'Record the lead as an event',
  fields: RECORD_FIELDS,
  async open(ctx, args) {
    triageBy(ctx);
    const lead = await openLead(ctx.services, Number(args.id), messagesFor(ctx.language ?? 'en'));
    return leadFormValues(lead, ctx.services);
  },
  async submit(ctx, args, values) {
    const all = { ...formValuesFromArgs(leadRecordForm, args), ...values };
    return toForm(await recordLead(ctx.services, Number(args.id), all, triageBy(ctx)), all);
  },
};

export const leadAttachForm: FormDef = {
  title: 'Add the lead to an event',
  fields: ATTACH_FIELDS,
  async open(ctx, args) {
    triageBy(ctx);
    const lead = await openLead(ctx.services, Number(args.id), messagesFor(ctx.language ?? 'en'));
    const likely = lead.reading.matches[0]?.eventId ?? (await nearbyEvents(ctx.services, lead))[0];
    const initial: Record<string, string> = {};
    if (likely) initial.event = likely;
    return initial;
  },
  async submit(ctx, args, values) {
    const all = { ...formValuesFromArgs(leadAttachForm, args), ...values };
    const input = { eventId: all.event ?? '', field: all.field, value: all.value };
    return toForm(await attachLead(ctx.services, Number(args.id), input, triageBy(ctx)), all);
  },
};

async function waitingLeads(ctx: CommandContext, limit: number): Promise<View> {
  const leads = await intakeOf(ctx.services).listLeads({ states: OPEN_LEAD_STATES, limit });
  return leadsView(leads, ctx.services, ctx.language);
}

export const leadsCommand: CommandDef = {
  name: 'leads',
  description: 'Leads from the sources waiting for triage: list, record, add to an event, dismiss',
  i18n: { fr: { name: 'pistes', description: 'Pistes des sources en attente de tri' } },
  options: [answerLanguageOption],
  examples: ['leads', 'leads dismiss 12'],
  defaultSubcommand: 'list',
  run: (ctx) => waitingLeads(ctx, 20),
  subcommands: [
    {
      name: 'list',
      description: 'What waits for triage, newest first',
      i18n: { fr: { name: 'liste', description: 'Ce qui attend le tri, du plus récent au plus ancien' } },
      options: [
        { name: 'limit', description: 'How many (1-50, default 20)', type: 'integer', min: 1, max: 50 },
        answerLanguageOption,
      ],
      examples: ['leads list limit:5'],
      run: (ctx, a) => waitingLeads(ctx, typeof a.limit === 'number' ? a.limit : 20),
    },
    {
      name: 'record',
      description: 'Record a lead as an event, its link as the source (opens the report form)',
      i18n: { fr: { name: 'enregistrer', description: 'Enregistrer une piste comme événement' } },
      options: [leadIdOption, ...textOptions(RECORD_FIELDS)],
      examples: ['leads record 12 when:2025-03-26 place:Kenscoff category:attack summary:"Attack on a patrol"'],
      form: leadRecordForm,
      run: runLeadForm(leadRecordForm),
    },
    {
      name: 'attach',
      description: 'Add a lead to an event as a further source, or as a conflicting claim',
      i18n: { fr: { name: 'ajouter', description: 'Ajouter une piste à un événement, source ou version contraire' } },
      options: [leadIdOption, ...textOptions(ATTACH_FIELDS)],
      examples: [
        'leads attach 12 event:2025-03-25-pont-sonde-ambush',
        'leads attach 12 event:… field:place value:Kenscoff',
      ],
      form: leadAttachForm,
      run: runLeadForm(leadAttachForm),
    },
    {
      name: 'dismiss',
      description: 'Dismiss a lead: it leaves /leads',
      i18n: { fr: { name: 'ecarter', description: 'Écarter une piste : elle quitte /leads' } },
      options: [leadIdOption],
      examples: ['leads dismiss 12'],
      async run(ctx, a) {
        const result = await dismissLead(ctx.services, Number(a.id), triageBy(ctx));
        if (!result.ok) throw new UserError('lead-not-found', { id: Number(a.id) });
        return result.view;
      },
    },
  ],
};
