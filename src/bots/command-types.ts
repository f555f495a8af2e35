/**
 * The shape of a command declaration. A command is data: declared once in commands.ts, turned
 * into Discord application-command JSON, Slack slash commands and manifest, and the console's
 * REPL and CLI by each adapter.
 */
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
  /** Guild or workspace. */
  teamId?: string | undefined;
  channelId?: string | undefined;
  /** May manage the channel (Discord Manage Channels, Slack admin or allowlist). */
  canManageChannel?: boolean | undefined;
  locale?: string | undefined;
}

export interface CommandContext {
  services: Services;
  now: Date;
  caller: Caller;
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
  /** Only callers who may manage the channel may run it. */
  managersOnly?: boolean;
  /**
   * Subcommands (`/digest subscribe`, `/digest list`). A command with subcommands has no
   * options or run of its own that platforms see; text platforms run `defaultSubcommand` when
   * the first word names no subcommand (`sitrep digest --since ...` is `digest preview`).
   */
  subcommands?: CommandDef[];
  defaultSubcommand?: string;
  run(ctx: CommandContext, args: Args): View | Promise<View>;
}
