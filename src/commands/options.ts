/**
 * Turns raw option values (strings from Slack and the CLI, typed values from Discord) into
 * checked arguments. Every platform goes through here, so a limit is enforced once.
 */
import { UserError } from '../core/errors.ts';
import type { Args, ArgValue, CommandDef, OptionDef } from './command-types.ts';

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

export function parseArgs(command: CommandDef, raw: Record<string, unknown>): Args {
  const known = new Map(command.options.map((o) => [o.name, o]));
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) {
      const accepted = command.options.map((o) => o.name).join(', ') || 'none';
      throw new UserError('unknown-option', { command: command.name, option: key, accepted });
    }
  }
  const args: Args = {};
  for (const option of command.options) {
    const value = raw[option.name];
    if (value === undefined || value === null || value === '') {
      if (option.required) {
        throw new UserError('missing-option', { command: command.name, option: option.name });
      }
      continue;
    }
    args[option.name] = parseValue(command, option, value);
  }
  return args;
}

function parseValue(command: CommandDef, option: OptionDef, value: unknown): ArgValue {
  const where = `/${command.name} ${option.name}`;
  switch (option.type) {
    case 'string': {
      const text = String(value).trim();
      if (option.maxLength !== undefined && text.length > option.maxLength) {
        throw new UserError('option-too-long', { option: where, length: text.length, max: option.maxLength });
      }
      if (option.choices && !option.choices.some((c) => c.value === text)) {
        const accepted = option.choices.map((c) => c.value).join(', ');
        throw new UserError('not-a-choice', { option: where, accepted, got: text });
      }
      return text;
    }
    case 'integer':
    case 'number': {
      const n = typeof value === 'number' ? value : Number(String(value).trim());
      const integer = option.type === 'integer';
      if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || String(value).trim() === '') {
        throw new UserError(integer ? 'not-a-whole-number' : 'not-a-number', { option: where, got: String(value) });
      }
      if ((option.min !== undefined && n < option.min) || (option.max !== undefined && n > option.max)) {
        throw new UserError('out-of-range', {
          option: where,
          min: String(option.min ?? '-∞'),
          max: String(option.max ?? '∞'),
          got: String(n),
        });
      }
      return n;
    }
    case 'date': {
      const text = String(value).trim();
      if (!DATE.test(text) || !isRealDate(text)) {
        throw new UserError('bad-date-option', { option: where, got: text });
      }
      return text;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const text = String(value).trim().toLowerCase();
      if (['true', 'yes', 'on', '1'].includes(text)) return true;
      if (['false', 'no', 'off', '0'].includes(text)) return false;
      throw new UserError('not-a-boolean', { option: where, got: String(value) });
    }
  }
}

function isRealDate(text: string): boolean {
  const [y, m = '01', d = '01'] = text.split('-');
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() + 1 === Number(m) && date.getUTCDate() === Number(d);
}
