/**
 * The shape of a command declaration. A command is data: declared once in commands.ts, turned
 * into Discord application-command JSON, Slack slash commands and manifest, and the console's
 * REPL and CLI by each adapter.
 */
import type { MessageKey } from '../core/i18n/catalogue.ts';
import type { Language, LanguageClues } from '../core/i18n/language.ts';
import type { Services } from '../core/services.ts';
import type { View } from '../core/view.ts';

export type OptionType = 'string' | 'integer' | 'number' | 'date' | 'boolean';

export interface Localized {
  name: string;
  description: string;
}

export interface OptionDef {
  /** Lowercase, matches ^[-_a-z0-9]{1,32}$ (Discord's rule, stricter than Slack's). */
  name: string;
  /** At most 100 characters. */
  description: string;
  type: OptionType;
  required?: boolean;
  choices?: ReadonlyArray<{ name: string; value: string }>;
  min?: number;
  max?: number;
  maxLength?: number;
  /** Values come from the gazetteer (place names) and are suggested as the user types. */
  autocomplete?: 'place';
  /** On text-only platforms (Slack, CLI), a bare word fills this option: `/location Kenscoff`. */
  positional?: boolean;
  /** Accepts the rest of the text, spaces included (questions). */
  rest?: boolean;
  i18n?: { fr?: Localized };
}

/** Who is asking and where; adapters fill it, the core never reads it directly. */
export interface Caller {
  platform: 'discord' | 'slack' | 'console';
  userId: string;
  /** The name the platform shows for the user, where known: lead messages say who decided. */
  userName?: string | undefined;
  /** Guild or workspace. */
  teamId?: string | undefined;
  channelId?: string | undefined;
  /** May manage the channel (Discord Manage Channels, Slack admin or allowlist). */
  canManageChannel?: boolean | undefined;
  /**
   * Discord: the member's role ids. Slack: the ids of the user groups the user belongs to.
   * Checked against the reporter settings (who may /report and change events).
   */
  roles?: readonly string[] | undefined;
  locale?: string | undefined;
}

export interface CommandContext {
  services: Services;
  now: Date;
  caller: Caller;
  /** The language to answer in; dispatch chooses it (English when absent). */
  language?: Language | undefined;
  /** What chose it, so a question written in another language can still win. */
  languageClues?: LanguageClues | undefined;
}

export type ArgValue = string | number | boolean;
export type Args = Record<string, ArgValue | undefined>;

export interface CommandDef {
  name: string;
  description: string;
  i18n?: { fr?: Localized };
  options: OptionDef[];
  /** Usage examples shown by `help` (without the leading slash). */
  examples: string[];
  /** May take longer than a platform's acknowledgement deadline: adapters defer first. */
  slow?: boolean;
  /**
   * Only reads the store: the executor runs it off the bot's event loop, on a connection that
   * only reads. Commands that write (report, edit, subscriptions) run in the bot.
   */
  readOnly?: boolean;
  /**
   * Its answer depends only on its arguments, the language clues, `now` and the stored data,
   * never on who asks: the executor answers identical questions once per data revision and minute.
   */
  sameForEveryone?: boolean;
  /** Only callers who may manage the channel may run it. */
  managersOnly?: boolean;
  /**
   * Subcommands (`/digest subscribe`, `/digest list`). A command with subcommands has no
   * options or run of its own that platforms see; text platforms run `defaultSubcommand` when
   * the first word names no subcommand (`sitrep digest --since ...` is `digest preview`).
   */
  subcommands?: CommandDef[];
  defaultSubcommand?: string;
  /**
   * The command is filled in through a form (a Discord modal, a Slack modal view). Every form
   * field is also an option of the command, so text platforms can give the values inline.
   */
  form?: FormDef;
  run(ctx: CommandContext, args: Args): Promise<View>;
}

/**
 * One field of a form. `short` and `paragraph` are text inputs (a Discord modal holds at most
 * five); `select` fields are a fixed list of choices (Discord: slash-command options; Slack: a
 * static select in the modal).
 */
export interface FormFieldDef {
  /** The option of the command this field fills; also the Slack block_id and Discord custom_id. */
  name: string;
  /** At most 45 characters (Discord's limit for a modal label). */
  label: string;
  style: 'short' | 'paragraph' | 'select';
  required?: boolean;
  /** Text fields only; at most 4000. */
  maxLength?: number;
  /** At most 100 characters. */
  placeholder?: string;
  choices?: ReadonlyArray<{ name: string; value: string }>;
  i18n?: { fr?: { label: string; placeholder?: string } };
}

/** What a form submission gives back: the stored result, or per-field errors with what was typed. */
export type FormResult =
  | { ok: true; view: View }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> };

export interface FormDef {
  /** The modal's title: a catalogue key, written in the asker's language (Slack shows at most 24 characters). */
  title: MessageKey;
  fields: FormFieldDef[];
  /**
   * Checks the caller may use the form and returns the values to show in it (empty for a new
   * report, the event's current values for an edit). Throws a UserError (forbidden, not found).
   */
  open(ctx: CommandContext, args: Args): Promise<Record<string, string>>;
  /** Validates every field; stores and confirms, or names each bad field and keeps what was typed. */
  submit(ctx: CommandContext, args: Args, values: Record<string, string>): Promise<FormResult>;
}
