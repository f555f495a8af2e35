/**
 * What a `sitrep start` process runs: `--role discord|slack|scheduler|intake|all` (a comma list
 * too; `all` by default), so Discord shards, Slack HTTP replicas, one scheduler and one poller
 * can run as separate processes on one store.
 */
import type { Config } from './config.ts';

export const ROLES = ['discord', 'slack', 'scheduler', 'intake'] as const;
export type Role = (typeof ROLES)[number];

export interface RoleChoice {
  roles: ReadonlySet<Role>;
  /** `all`, given or by default: parts whose settings are missing are left out rather than refused. */
  all: boolean;
}

/** A role the command line or the settings do not allow; the message is the one line to print. */
export class RoleError extends Error {
  override readonly name = 'RoleError';
}

/** The value of `--role` in `argv` (`--role x` or `--role=x`), or undefined. */
function roleArgument(argv: readonly string[]): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--role') {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--'))
        throw new RoleError(`--role needs a value: one of ${[...ROLES, 'all'].join(', ')}.`);
      i++;
    } else if (arg.startsWith('--role=')) value = arg.slice('--role='.length);
  }
  return value;
}

export function parseRoles(argv: readonly string[]): RoleChoice {
  const text = roleArgument(argv) ?? 'all';
  const names = text.split(',').map((n) => n.trim().toLowerCase());
  const roles = new Set<Role>();
  let all = false;
  for (const name of names) {
    if (name === 'all') all = true;
    else if ((ROLES as readonly string[]).includes(name)) roles.add(name as Role);
    else
      throw new RoleError(
        `unknown role "${name.slice(0, 40)}" in --role ${text.slice(0, 80)}: use ${[...ROLES, 'all'].join(', ')} (or a comma list).`,
      );
  }
  if (all) for (const role of ROLES) roles.add(role);
  return { roles, all };
}

/**
 * The roles this process can run with these settings. An explicit role whose platform is not
 * configured is refused; `all` keeps what is configured (and the intake poller, which the
 * caller drops when there is no source).
 */
export function rolesFor(choice: RoleChoice, config: Config): Set<Role> {
  const configured: Record<Role, string | undefined> = {
    discord: config.discordEnabled ? undefined : 'DISCORD_TOKEN and DISCORD_APPLICATION_ID to be set',
    slack: config.slackEnabled ? undefined : 'SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to be set',
    scheduler:
      config.discordEnabled || config.slackEnabled
        ? undefined
        : 'a platform token (DISCORD_TOKEN or SLACK_BOT_TOKEN) to be set',
    intake: undefined,
  };
  const roles = new Set<Role>();
  for (const role of choice.roles) {
    const missing = configured[role];
    if (missing === undefined) roles.add(role);
    else if (!choice.all) throw new RoleError(`--role ${role} needs ${missing}.`);
  }
  return roles;
}
