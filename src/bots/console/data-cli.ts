/**
 * `sitrep import <file>` and `sitrep export --format ...`: moving events in and out of the
 * store from a terminal. A bad file or bad records print what is wrong and exit 2, with the
 * store untouched.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs as parseArgv } from 'node:util';
import { UserError } from '../../core/errors.ts';
import { isCalendarDate } from '../../core/report-fields.ts';
import { EventCategory } from '../../core/schemas.ts';
import type { Services } from '../../core/services.ts';
import { checkExportFormat, exportEvents } from '../../export/export.ts';
import { ImportFileError, readImportFile } from '../../import/read-text.ts';
import { formatImportReport, ImportRejected, importText } from '../../import/run-import.ts';
import { IMPORT_AUTHOR_PREFIX } from '../../scheduler/alerts.ts';
import type { CliIo } from './cli.ts';

export const DATA_COMMANDS = ['import', 'export'];

export const DATA_USAGE = [
  '  sitrep import <file> [--format json|csv|acled] [--skip-invalid] [--dry-run]',
  '      Add events from Sitrep JSON or CSV, or an ACLED CSV export; all or nothing',
  '  sitrep export --format json|csv|acled [--from DATE] [--to DATE] [--location PLACE] [--category C] [--actor A] [--out FILE]',
  '      Write the matching events (the same filters as timeline) to a file or the terminal',
].join('\n');

export interface DataCliDeps {
  openServices(): { services: Services; close(): void };
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
    throw new UserError(
      'unknown-option',
      `${(err as Error).message.split('\n')[0]}. sitrep ${command} accepts: ${accepted}.`,
    );
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function checkDate(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value) || !isCalendarDate(value))
    throw new UserError('bad-date', `--${name} must be a date like 2025-03-25, 2025-03 or 2025 (got "${value}").`);
  return value;
}

/** Runs `sitrep import|export ...`; returns the exit code: 0 done, 2 bad input (nothing written), 1 failure. */
export async function runDataCli(argv: string[], deps: DataCliDeps): Promise<number> {
  const [command, ...rest] = argv;
  let opened: { services: Services; close(): void } | undefined;
  try {
    if (command === 'import') {
      const { values, positionals } = parse(
        rest,
        { format: { type: 'string' }, 'skip-invalid': { type: 'boolean' }, 'dry-run': { type: 'boolean' } },
        'import',
      );
      if (positionals.length !== 1)
        throw new UserError('bad-input', `Name one file to import (got ${positionals.length}).\n${DATA_USAGE}`);
      const file = positionals[0] as string;
      const text = readImportFile(file);
      opened = deps.openServices();
      try {
        const report = importText(opened.services, text, file, {
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
        throw new UserError('bad-input', `Unexpected "${positionals.join(' ')}".\n${DATA_USAGE}`);
      const format = checkExportFormat(str(values.format));
      const category = str(values.category);
      if (category !== undefined && !EventCategory.safeParse(category).success)
        throw new UserError('bad-option', `--category must be one of: ${EventCategory.options.join(', ')}.`);
      opened = deps.openServices();
      const { text, count } = exportEvents(opened.services, format, {
        from: checkDate('from', str(values.from)),
        to: checkDate('to', str(values.to)),
        location: str(values.location),
        category: category as EventCategory | undefined,
        actor: str(values.actor),
      });
      const out = str(values.out);
      if (out === undefined) deps.io.out(text.trimEnd());
      else {
        // Written beside the target and renamed, so a failed export never leaves half a file.
        const temporary = `${out}.partial`;
        writeFileSync(temporary, text);
        renameSync(temporary, out);
        deps.io.err(`Wrote ${count} event(s) to ${out} (${format}).`);
      }
      return 0;
    }
    throw new UserError('bad-input', `Unknown command "${command}".`);
  } catch (err) {
    if (err instanceof UserError || err instanceof ImportFileError) {
      deps.io.err(err.message);
      return 2;
    }
    throw err;
  } finally {
    opened?.close();
  }
}
