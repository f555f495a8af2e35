/**
 * The report and edit forms, declared once as data, and who may submit them. Discord renders a
 * form as a modal, Slack as a modal view; text platforms take the same fields as options
 * (`/report when:2025-03-25 place:Kenscoff ...`).
 */
import { type ChangeBy, type ChangeResult, createReport, editEvent, editValues } from '../core/editing.ts';
import { UserError } from '../core/errors.ts';
import { REPORT_FIELDS, type ReportValues } from '../core/report-fields.ts';
import { Confidence, EventCategory } from '../core/schemas.ts';
import type { ReporterSettings } from '../core/services.ts';
import type { Args, Caller, CommandContext, FormDef, FormFieldDef, FormResult } from './command-types.ts';

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

/** The author of a change, once the caller may report. */
export function checkReporter(ctx: CommandContext): ChangeBy {
  if (!mayReport(ctx.caller, ctx.services.settings.reporters)) {
    throw new UserError('forbidden-reporter');
  }
  return { author: `${ctx.caller.platform}:${ctx.caller.userId}`, now: ctx.now, language: ctx.language };
}

/** Choices named by their values. */
export const choices = (values: readonly string[]) => values.map((value) => ({ name: value, value }));

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
