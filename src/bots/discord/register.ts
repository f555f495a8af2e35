/**
 * Puts the registry's commands on Discord: in one guild (instant, for testing) or globally.
 * The JSON is checked against Discord's rules first; nothing is sent if a rule is broken.
 *
 *   npm run discord:register                 # guild DISCORD_GUILD_ID
 *   npm run discord:register -- --global     # every guild (Discord may take a while to show them)
 *   npm run discord:register -- --dry-run    # print the JSON, send nothing
 *   npm run discord:register -- --language fr  # say what was done in French (en, fr, ht)
 */
import { pathToFileURL } from 'node:url';
import { REST, Routes } from 'discord.js';
import type { CommandDef } from '../../commands/command-types.ts';
import { commands } from '../../commands/commands.ts';
import { loadConfig } from '../../config.ts';
import { isLanguage } from '../../core/i18n/language.ts';
import { messagesFor } from '../../core/i18n/messages.ts';
import { type CommandJson, toCommandJson } from './command-json.ts';
import { commandProblems } from './validate-commands.ts';

export interface RegisterTarget {
  applicationId: string;
  /** Absent: global commands. */
  guildId?: string | undefined;
}

/** The checked JSON for `commands`; throws with every broken rule listed. */
export function checkedCommandJson(commands: readonly CommandDef[]): CommandJson[] {
  const json = toCommandJson(commands);
  const problems = commandProblems(json);
  if (problems.length > 0) throw new Error(`Command JSON breaks Discord's rules:\n  ${problems.join('\n  ')}`);
  return json;
}

/** Replaces the application's commands in the target scope with `commands` (one bulk PUT). */
export async function registerCommands(
  rest: REST,
  target: RegisterTarget,
  commands: readonly CommandDef[],
): Promise<CommandJson[]> {
  const body = checkedCommandJson(commands);
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  await rest.put(route, { body });
  return body;
}

export interface RegisterIo {
  out(text: string): void;
  err(text: string): void;
}

/** The script: `[--global] [--dry-run] [--language en|fr|ht]`; returns the exit code. `env` defaults to the process's. */
export async function runRegister(
  argv: string[],
  io: RegisterIo,
  env?: Record<string, string | undefined>,
): Promise<number> {
  const languageAt = argv.indexOf('--language');
  const language = languageAt >= 0 ? argv[languageAt + 1] : 'en';
  const flags = languageAt >= 0 ? [...argv.slice(0, languageAt), ...argv.slice(languageAt + 2)] : argv;
  const m = messagesFor(isLanguage(language) ? language : 'en');
  const unknown = flags.filter((a) => a !== '--global' && a !== '--dry-run');
  if (unknown.length > 0 || !isLanguage(language)) {
    io.err(
      m.t('register.usage', {
        args: [...unknown, ...(isLanguage(language) ? [] : [`--language ${language ?? ''}`])].join(' '),
      }),
    );
    return 2;
  }
  const global = flags.includes('--global');
  if (flags.includes('--dry-run')) {
    io.out(JSON.stringify(checkedCommandJson(commands), null, 2));
    return 0;
  }
  const config = env ? loadConfig(env) : loadConfig();
  if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
    io.err(m.t('register.credentials'));
    return 1;
  }
  if (!global && !config.DISCORD_GUILD_ID) {
    io.err(m.t('register.guild'));
    return 1;
  }
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(config.DISCORD_TOKEN);
  const target = {
    applicationId: config.DISCORD_APPLICATION_ID,
    guildId: global ? undefined : config.DISCORD_GUILD_ID,
  };
  const sent = await registerCommands(rest, target, commands);
  io.out(
    m.t('register.done', {
      count: sent.length,
      names: sent.map((c) => `/${c.name}`).join(', '),
      scope: target.guildId ? 'guild' : 'global',
      guild: target.guildId ?? '',
    }),
  );
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const io = { out: (t: string) => process.stdout.write(`${t}\n`), err: (t: string) => process.stderr.write(`${t}\n`) };
  runRegister(process.argv.slice(2), io).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
