/**
 * `/report` and `/event edit|dispute|retract|history`: changing the record from chat. The report
 * form is declared once here as data; Discord renders it as a modal, Slack as a modal view, and
 * text platforms take the same fields as options (`/report when:2025-03-25 place:Kenscoff ...`).
 */
import {
  type ChangeBy,
  type ChangeResult,
  createReport,
  disputeEvent,
  editEvent,
  editValues,
  historyView,
  retractEvent,
} from '../core/editing.ts';
import { UserError } from '../core/errors.ts';
import { REPORT_FIELDS, type ReportValues } from '../core/report-fields.ts';
import { Claim, Confidence, EventCategory } from '../core/schemas.ts';
import type { ReporterSettings } from '../core/services.ts';
import type {
  Args,
  Caller,
  CommandContext,
  CommandDef,
  FormDef,
  FormFieldDef,
  FormResult,
  OptionDef,
} from './command-types.ts';

/**
 * May this caller report and change events? Channel managers of a server or workspace may (not
 * the owner of a direct-message channel); so may the configured reporters.
 */
export function mayReport(caller: Caller, reporters: ReporterSettings): boolean {
  if (caller.platform === 'console') return true;
  if (caller.canManageChannel && caller.teamId !== undefined) return true;
  const allowed = caller.platform === 'discord' ? reporters.discordRoleIds : reporters.slackIds;
  if (caller.platform === 'slack' && allowed.includes(caller.userId)) return true;
  return (caller.roles ?? []).some((role) => allowed.includes(role));
}

function checkReporter(ctx: CommandContext): ChangeBy {
  if (!mayReport(ctx.caller, ctx.services.settings.reporters)) {
    throw new UserError('forbidden-reporter');
  }
  return { author: `${ctx.caller.platform}:${ctx.caller.userId}`, now: ctx.now, language: ctx.language };
}

const choices = (values: readonly string[]) => values.map((value) => ({ name: value, value }));

/** The report's fields: five text inputs (a Discord modal's most) and two fixed choices. */
export const REPORT_FORM_FIELDS: FormFieldDef[] = [
  {
    name: 'when',
    label: 'When (local date, time if known)',
    style: 'short',
    required: true,
    maxLength: 40,
    placeholder: '2025-03-25 16:30, 2025-03-25 or 25 March 2025',
    i18n: { fr: { label: 'Quand (date locale, heure si connue)', placeholder: '2025-03-25 16:30 ou 25 mars 2025' } },
  },
  {
    name: 'place',
    label: 'Place in Haiti',
    style: 'short',
    required: true,
    maxLength: 100,
    placeholder: 'Pont-Sondé, Kenscoff, Artibonite…',
    i18n: { fr: { label: 'Lieu en Haïti' } },
  },
  {
    name: 'casualties',
    label: 'Casualties by group (optional)',
    style: 'short',
    maxLength: 500,
    placeholder: 'MSS killed 1; gang injured unknown; civilians killed at least 3',
    i18n: { fr: { label: 'Victimes par groupe (facultatif)' } },
  },
  {
    name: 'summary',
    label: 'What happened',
    style: 'paragraph',
    required: true,
    maxLength: 1000,
    placeholder: 'One or two sentences, as the source says it.',
    i18n: { fr: { label: 'Ce qui s’est passé' } },
  },
  {
    name: 'source',
    label: 'Source: publisher and link',
    style: 'short',
    required: true,
    maxLength: 500,
    placeholder: 'Le Nouvelliste https://lenouvelliste.com/…',
    i18n: { fr: { label: 'Source : média et lien' } },
  },
  {
    name: 'category',
    label: 'Category',
    style: 'select',
    required: true,
    choices: choices(EventCategory.options),
    i18n: { fr: { label: 'Catégorie' } },
  },
  {
    name: 'confidence',
    label: 'Confidence',
    style: 'select',
    choices: choices(['reported', 'confirmed']),
    i18n: { fr: { label: 'Fiabilité' } },
  },
];

/** Each form field as a command option, so text platforms can give the values inline. */
function fieldOptions(fields: readonly FormFieldDef[]): OptionDef[] {
  return fields.map((f) => ({
    name: f.name,
    description: f.label,
    type: 'string',
    ...(f.choices ? { choices: f.choices } : { maxLength: f.maxLength ?? 500 }),
    ...(f.name === 'place' ? { autocomplete: 'place' as const } : {}),
  }));
}

/** The form's values out of the command's arguments (text platforms give them as options). */
export function formValuesFromArgs(form: FormDef, args: Args): Record<string, string> {
  const values: Record<string, string> = {};
  for (const f of form.fields) if (args[f.name] !== undefined) values[f.name] = String(args[f.name]);
  return values;
}

function toFormResult(result: ChangeResult, values: Record<string, string>): FormResult {
  if (result.ok) return { ok: true, view: result.view };
  return { ok: false, errors: result.errors as Record<string, string>, values };
}

/** What a text platform answers for a form with bad fields: every field and its problem. */
function formErrorsToUserError(form: FormDef, result: Extract<FormResult, { ok: false }>): UserError {
  const lines = form.fields.filter((f) => result.errors[f.name]).map((f) => `${f.name}: ${result.errors[f.name]}`);
  return new UserError('report-invalid', { problems: `\n${lines.join('\n')}` });
}

function runForm(form: FormDef) {
  return async (ctx: CommandContext, args: Args) => {
    const result = await form.submit(ctx, args, formValuesFromArgs(form, args));
    if (!result.ok) throw formErrorsToUserError(form, result);
    return result.view;
  };
}

const pickReportValues = (values: Record<string, string>): ReportValues =>
  Object.fromEntries(REPORT_FIELDS.filter((f) => values[f] !== undefined).map((f) => [f, values[f]]));

/** The report form; `submitReport` is what every adapter calls with the fields the user typed. */
export const reportForm: FormDef = {
  title: 'form.title-report',
  fields: REPORT_FORM_FIELDS,
  async open(ctx) {
    checkReporter(ctx);
    return {};
  },
  // Choice fields may arrive as the command's options (Discord), text fields from the form.
  submit: (ctx, args, values) => submitReport(ctx, { ...formValuesFromArgs(reportForm, args), ...values }),
};

/** Validates each field and stores the event, or returns each bad field's message and the typed values. */
export async function submitReport(ctx: CommandContext, values: Record<string, string>): Promise<FormResult> {
  const by = checkReporter(ctx);
  return toFormResult(await createReport(ctx.services, pickReportValues(values), by), values);
}

const idOption: OptionDef = {
  name: 'id',
  description: 'The event id, shown under each event',
  type: 'string',
  required: true,
  maxLength: 120,
  positional: true,
};

const reasonOption = (what: string): OptionDef => ({
  name: 'reason',
  description: `Why: kept in the event's history with the ${what}`,
  type: 'string',
  required: true,
  maxLength: 300,
});

/** The edit form: the report's fields, filled with the event's current values. */
export const editForm: FormDef = {
  title: 'form.title-edit',
  fields: REPORT_FORM_FIELDS.map((f) =>
    f.name === 'confidence' ? { ...f, choices: choices(Confidence.options) } : { ...f, required: false },
  ),
  async open(ctx, args) {
    checkReporter(ctx);
    return editValues(ctx.services, String(args.id ?? ''));
  },
  async submit(ctx, args, values) {
    const by = checkReporter(ctx);
    const all = { ...formValuesFromArgs(editForm, args), ...values };
    const result = await editEvent(
      ctx.services,
      String(args.id ?? ''),
      pickReportValues(all),
      String(args.reason ?? ''),
      by,
    );
    return toFormResult(result, all);
  },
};

export const reportCommand: CommandDef = {
  name: 'report',
  description: 'Report an event: date, place, category, casualties, summary and source',
  i18n: { fr: { name: 'signaler', description: 'Signaler un événement : date, lieu, catégorie, victimes, source' } },
  options: fieldOptions(REPORT_FORM_FIELDS),
  examples: [
    'report when:"2025-03-25 16:30" place:"Pont-Sondé" category:attack casualties:"MSS missing 1" summary:"Ambush on a patrol" source:"Le Nouvelliste https://lenouvelliste.com/article/1"',
  ],
  form: reportForm,
  run: runForm(reportForm),
};

const changed = (result: ChangeResult) => {
  if (!result.ok) throw new UserError('report-invalid', { problems: ` ${Object.values(result.errors).join(' ')}` });
  return result.view;
};

export const eventCommand: CommandDef = {
  name: 'event',
  description: 'Change an event (edit, dispute, retract) or see its history',
  i18n: { fr: { name: 'evenement', description: 'Modifier un événement ou voir son historique' } },
  options: [],
  examples: [
    'event history report-2025-03-25-1a2b3c4d5e',
    'event retract report-2025-03-25-1a2b3c4d5e reason:"duplicate"',
  ],
  subcommands: [
    {
      name: 'edit',
      description: 'Correct an event; the earlier version stays in its history',
      i18n: { fr: { name: 'modifier', description: 'Corriger un événement ; la version précédente reste' } },
      options: [idOption, reasonOption('change'), ...fieldOptions(editForm.fields)],
      examples: ['event edit report-2025-03-25-1a2b3c4d5e summary:"Ambush on an MSS patrol" reason:"wording"'],
      form: editForm,
      run: runForm(editForm),
    },
    {
      name: 'dispute',
      description: 'Add a conflicting claim with its source; the event is shown as disputed',
      i18n: { fr: { name: 'contester', description: 'Ajouter une version contraire avec sa source' } },
      options: [
        idOption,
        {
          name: 'field',
          description: 'What the source says differently',
          type: 'string',
          required: true,
          choices: choices(Claim.shape.field.options),
        },
        { name: 'value', description: 'What the source says', type: 'string', required: true, maxLength: 500 },
        {
          name: 'source',
          description: 'Who says so: publisher and link',
          type: 'string',
          required: true,
          maxLength: 500,
        },
        { name: 'note', description: 'Anything worth knowing about the claim', type: 'string', maxLength: 500 },
      ],
      examples: ['event dispute 2025-03-18-kenyan-officer-shot field:place value:Kenscoff source:"MSS statement"'],
      async run(ctx, a) {
        const by = checkReporter(ctx);
        return changed(
          await disputeEvent(
            ctx.services,
            String(a.id),
            {
              field: a.field as Claim['field'],
              value: String(a.value),
              source: String(a.source),
              note: a.note === undefined ? undefined : String(a.note),
            },
            by,
          ),
        );
      },
    },
    {
      name: 'retract',
      description: 'Withdraw an event: it leaves the timeline but stays in its history',
      i18n: { fr: { name: 'retirer', description: 'Retirer un événement ; il reste dans son historique' } },
      options: [idOption, reasonOption('retraction')],
      examples: ['event retract report-2025-03-25-1a2b3c4d5e reason:"duplicate of another report"'],
      async run(ctx, a) {
        const by = checkReporter(ctx);
        return changed(await retractEvent(ctx.services, String(a.id), String(a.reason), by));
      },
    },
    {
      name: 'history',
      readOnly: true,
      description: 'Every version of an event: when, who, why and what changed',
      i18n: { fr: { name: 'historique', description: 'Chaque version d’un événement : quand, qui, pourquoi' } },
      options: [idOption],
      examples: ['event history 2025-03-25-pont-sonde-ambush'],
      run: (ctx, a) => historyView(ctx.services, String(a.id), ctx.language),
    },
  ],
  defaultSubcommand: 'history',
  run: (ctx, a) => historyView(ctx.services, String(a.id ?? ''), ctx.language),
};
