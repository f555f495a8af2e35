/**
 * `/leads` (what waits for triage) and the decisions a lead's buttons run, for reporters:
 * `leads record <id>` and `leads attach <id>` (forms filled in from the lead) and `leads dismiss
 * <id>`. Declared once for Discord, Slack and the console.
 */
import { UserError } from '../core/errors.ts';
import { messagesFor } from '../core/i18n/messages.ts';
import { OPEN_LEAD_STATES } from '../core/intake-port.ts';
import { leadPage, leadPageView } from '../core/lead-pages.ts';
import { nearbyEvents } from '../core/triage.ts';
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
import { answerLanguageOption } from './language-command.ts';
import { formValuesFromArgs, mayReport, REPORT_FORM_FIELDS } from './report-form.ts';

const whoOf = (ctx: CommandContext) => ctx.caller.userName ?? `${ctx.caller.platform}:${ctx.caller.userId}`;

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
  title: 'form.title-lead-record',
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
  title: 'form.title-lead-attach',
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

/** One page of what waits; Previous and Next run `leads list` again with the page's cursor. */
async function waitingLeads(ctx: CommandContext, limit: number | undefined, cursor?: string): Promise<View> {
  const intake = intakeOf(ctx.services);
  const [page, waiting] = await Promise.all([
    leadPage(intake, limit ?? DEFAULT_PAGE, cursor),
    intake.countLeads({ states: OPEN_LEAD_STATES }),
  ]);
  return leadPageView(page, waiting, limit === undefined ? {} : { limit }, ctx.services, ctx.language);
}

const DEFAULT_PAGE = 20;

export const leadsCommand: CommandDef = {
  name: 'leads',
  description: 'Leads from the sources waiting for triage: list, record, add to an event, dismiss',
  i18n: { fr: { name: 'pistes', description: 'Pistes des sources en attente de tri' } },
  options: [answerLanguageOption],
  examples: ['leads', 'leads dismiss 12'],
  defaultSubcommand: 'list',
  run: (ctx) => waitingLeads(ctx, undefined),
  subcommands: [
    {
      name: 'list',
      description: 'What waits for triage, newest first',
      i18n: { fr: { name: 'liste', description: 'Ce qui attend le tri, du plus récent au plus ancien' } },
      options: [
        {
          name: 'limit',
          description: 'Leads per page (1-50, default 20)',
          type: 'integer',
          min: 1,
          max: 50,
        },
        { name: 'cursor', description: 'Page position from a previous answer', type: 'string', maxLength: 40 },
        answerLanguageOption,
      ],
      examples: ['leads list limit:5'],
      run: (ctx, a) =>
        waitingLeads(
          ctx,
          typeof a.limit === 'number' ? a.limit : undefined,
          typeof a.cursor === 'string' ? a.cursor : undefined,
        ),
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
