/**
 * `/report` and `/event edit|dispute|retract|history`: changing the record from chat. The forms
 * they open are in report-form.ts; text platforms give the same fields as options.
 */
import { type ChangeResult, disputeEvent, historyView, retractEvent } from '../core/editing.ts';
import { UserError } from '../core/errors.ts';
import { Claim } from '../core/schemas.ts';
import type {
  Args,
  CommandContext,
  CommandDef,
  FormDef,
  FormFieldDef,
  FormResult,
  OptionDef,
} from './command-types.ts';
import { checkReporter, choices, editForm, formValuesFromArgs, REPORT_FORM_FIELDS, reportForm } from './report-form.ts';

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

/** What a text platform answers for a form with bad fields: every field and its problem. */
function formErrorsToUserError(form: FormDef, result: Extract<FormResult, { ok: false }>): UserError {
  const lines = form.fields.filter((f) => result.errors[f.name]).map((f) => `${f.name}: ${result.errors[f.name]}`);
  return new UserError('report-invalid', { problems: `\n${lines.join('\n')}` });
}

/** A form run as a text command: its fields come as the command's options. */
function runForm(form: FormDef) {
  return async (ctx: CommandContext, args: Args) => {
    const result = await form.submit(ctx, args, formValuesFromArgs(form, args));
    if (!result.ok) throw formErrorsToUserError(form, result);
    return result.view;
  };
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
