/**
 * `sitrep import <file>` and `sitrep export --format ...`: moving events in and out of the
 * store from a terminal. A bad file or path, bad records, a database that cannot be opened or
 * written and a full disk print one line saying what is wrong and exit 2, with the store and
 * the files untouched.
 */
import { basename } from 'node:path';
import { parseArgs as parseArgv } from 'node:util';
import { UserError } from '../../core/errors.ts';
import { messagesFor } from '../../core/i18n/messages.ts';
import { isCalendarDate } from '../../core/report-fields.ts';
import { EventCategory } from '../../core/schemas.ts';
import type { Services } from '../../core/services.ts';
import { checkExportFormat, exportEvents } from '../../export/export.ts';
import { DEFAULT_MAX_IMPORT_BYTES, ImportFileError, MAX_IMPORT_BYTES, readImportFile } from '../../import/read-text.ts';
import { formatImportReport, ImportRejected, importText } from '../../import/run-import.ts';
import { IMPORT_AUTHOR_PREFIX } from '../../scheduler/alerts.ts';
import type { CliIo } from './cli.ts';
import { checkOutPath, writeOutFile } from './out-file.ts';
import { openFailureLine, storeFailureLine } from './store-failures.ts';

export const DATA_COMMANDS = ['import', 'export'];

export const DATA_USAGE = [
  '  sitrep import <file> [--format json|csv|acled] [--skip-invalid] [--dry-run] [--max-bytes SIZE]',
  '      Add events from Sitrep JSON or CSV, or an ACLED CSV export; all or nothing; reads at most 512MB (--max-bytes)',
  '  sitrep export --format json|csv|acled [--from DATE] [--to DATE] [--location PLACE] [--category C] [--actor A] [--out FILE]',
  '      Write the matching events (the same filters as timeline) to a file or the terminal',
].join('\n');

export interface DataCliDeps {
  openServices(): Promise<{ services: Services; close(): Promise<void> }>;
  now(): Date;
  io: CliIo;
}

function parse(argv: string[], options: Record<string, { type: 'string' | 'boolean' }>, command: string) {
  try {
    return parseArgv({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    const accepted = Object.keys(options)
      .map((o) => `--${o}`)
      .join(', ');
    throw new UserError('cli-unknown-flag', { detail: (err as Error).message.split('\n')[0] ?? '', command, accepted });
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function checkDate(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value) || !isCalendarDate(value))
    throw new UserError('bad-date-option', { option: `--${name}`, got: value });
  return value;
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9 };

/** `--max-bytes 200MB`: bytes, or a size in kB, MB or GB (powers of 1000). */
function maxBytesOf(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_IMPORT_BYTES;
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?b)?$/i.exec(value.trim());
  const bytes = match ? Math.floor(Number(match[1]) * (SIZE_UNITS[(match[2] ?? '').toLowerCase()] ?? Number.NaN)) : 0;
  if (!(bytes >= 1 && bytes <= MAX_IMPORT_BYTES))
    throw new UserError('cli-bad-size', { max: MAX_IMPORT_BYTES, got: value });
  return bytes;
}

/** Opens the store, or says in one line why it cannot. */
async function open(deps: DataCliDeps): Promise<{ services: Services; close(): Promise<void> }> {
  try {
    return await deps.openServices();
  } catch (err) {
    throw new UserError('cli-open-failed', { detail: openFailureLine(err) });
  }
}

/** Runs `sitrep import|export ...`; returns the exit code: 0 done, 2 bad input (nothing written), 1 failure. */
export async function runDataCli(argv: string[], deps: DataCliDeps): Promise<number> {
  const [command, ...rest] = argv;
  let opened: { services: Services; close(): Promise<void> } | undefined;
  try {
    if (command === 'import') {
      const { values, positionals } = parse(
        rest,
        {
          format: { type: 'string' },
          'skip-invalid': { type: 'boolean' },
          'dry-run': { type: 'boolean' },
          'max-bytes': { type: 'string' },
        },
        'import',
      );
      if (positionals.length !== 1)
        throw new UserError('cli-file-count', { count: positionals.length }, [], DATA_USAGE);
      const file = positionals[0] as string;
      // The file is read (and refused if it is bad) before the database is opened or created.
      const text = readImportFile(file, maxBytesOf(str(values['max-bytes'])));
      opened = await open(deps);
      try {
        const report = await importText(opened.services, text, file, {
          format: str(values.format),
          skipInvalid: values['skip-invalid'] === true,
          dryRun: values['dry-run'] === true,
          author: `${IMPORT_AUTHOR_PREFIX}${basename(file)}`,
          now: deps.now(),
        });
        deps.io.out(formatImportReport(report, file).join('\n'));
        return 0;
      } catch (err) {
        if (err instanceof ImportRejected) {
          deps.io.err(formatImportReport(err.report, file).join('\n'));
          return 2;
        }
        throw err;
      }
    }
    if (command === 'export') {
      const { values, positionals } = parse(
        rest,
        {
          format: { type: 'string' },
          from: { type: 'string' },
          to: { type: 'string' },
          location: { type: 'string' },
          category: { type: 'string' },
          actor: { type: 'string' },
          out: { type: 'string' },
        },
        'export',
      );
      if (positionals.length > 0)
        throw new UserError('cli-unexpected', { words: positionals.join(' ') }, [], DATA_USAGE);
      const format = checkExportFormat(str(values.format));
      const category = str(values.category);
      if (category !== undefined && !EventCategory.safeParse(category).success)
        throw new UserError('cli-flag-choice', {
          flag: 'category',
          accepted: EventCategory.options.join(', '),
          got: String(category),
        });
      const out = str(values.out);
      if (out !== undefined) checkOutPath(out);
      opened = await open(deps);
      const { text, count } = await exportEvents(opened.services, format, {
        from: checkDate('from', str(values.from)),
        to: checkDate('to', str(values.to)),
        location: str(values.location),
        category: category as EventCategory | undefined,
        actor: str(values.actor),
      });
      if (out === undefined) deps.io.out(text.trimEnd());
      else {
        writeOutFile(out, text);
        deps.io.err(messagesFor('en').t('cli.exported', { count, file: out, format }));
      }
      return 0;
    }
    throw new UserError('cli-unknown-command', { name: command ?? '', known: 'import, export' });
  } catch (err) {
    if (err instanceof UserError || err instanceof ImportFileError) {
      deps.io.err(err.message);
      return 2;
    }
    const line = storeFailureLine(command === 'import' ? 'Nothing was imported' : 'Nothing was exported', err);
    if (line === undefined) throw err;
    deps.io.err(line);
    return 2;
  } finally {
    await opened?.close();
  }
}
