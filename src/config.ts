/**
 * The only reader of the environment. Parsed once with zod at start-up; a bad value stops the
 * bot with a message that says what to set. Secrets are kept out of every log line.
 */
import { z } from 'zod';

const list = z
  .string()
  .optional()
  .transform((s) =>
    (s ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((s) => s === 'true' || s === '1' || s === 'yes');
const optionalText = z
  .string()
  .optional()
  .transform((s) => (s && s.trim() !== '' ? s.trim() : undefined));
const port = z.coerce.number().int().min(1).max(65535);

const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone such as America/Port-au-Prince' },
);

/** postgres://user:password@host:port/database, with libpq's TLS parameters (sslmode, sslrootcert, ...). */
const databaseUrl = optionalText.refine(
  (url) => {
    if (url === undefined) return true;
    try {
      return /^postgres(ql)?:$/.test(new URL(url).protocol);
    } catch {
      return false;
    }
  },
  {
    message:
      'must be a postgres:// URL such as postgres://sitrep:secret@db.example.org:5432/sitrep?sslmode=verify-full',
  },
);

const EnvSchema = z.object({
  SITREP_DB_PATH: z.string().min(1).default('./data/sitrep.db'),
  /** Set: the store is this Postgres database (several hosts share it) instead of SITREP_DB_PATH. */
  SITREP_DATABASE_URL: databaseUrl,
  SITREP_TIME_ZONE: timeZone.default('America/Port-au-Prince'),
  /** Answers say how old their newest record is when it is older than this many days. */
  SITREP_STALE_AFTER_DAYS: z.coerce.number().int().min(1).max(3650).default(14),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText,
  DISCORD_GUILD_ID: optionalText,
  DISCORD_API_URL: z.url().optional(),
  DISCORD_MESSAGE_CONTENT: flag,
  DISCORD_REPORTER_ROLE_IDS: list,
  /** Unset: one gateway connection in the bot's process; "auto" or N: shard processes (ShardingManager). */
  DISCORD_SHARDS: optionalText.refine((s) => s === undefined || /^(auto|[1-9]\d{0,3})$/.test(s), {
    message: 'must be "auto" (as many as Discord recommends) or a number of shards from 1 to 9999',
  }),

  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_PORT: port.default(3000),
  SLACK_API_URL: z.url().optional(),
  SLACK_DIGEST_MANAGER_IDS: list,
  SLACK_REPORTER_IDS: list,

  /** GET /healthz on its own port (0: any free port, logged); unset: only on the Slack HTTP port. */
  SITREP_HEALTH_PORT: optionalText.refine((s) => s === undefined || (/^\d{1,5}$/.test(s) && Number(s) <= 65535), {
    message: 'must be a port number from 0 to 65535',
  }),
  SITREP_HEALTH_HOST: z.string().min(1).default('127.0.0.1'),

  DIGEST_SKIP_QUIET_DAYS: flag,
  DIGEST_CATCHUP_HOURS: z.coerce.number().min(0).max(168).default(12),

  SITREP_ALLOW_PRIVATE_SOURCES: flag,
  INTAKE_MAX_MB: z.coerce.number().min(1).max(1000).default(20),
  INTAKE_TIMEOUT_SECONDS: z.coerce.number().min(1).max(600).default(30),
  INTAKE_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(8),
  RELIEFWEB_APPNAME: optionalText,
  ACLED_EMAIL: optionalText,
  ACLED_PASSWORD: optionalText,
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config extends Env {
  discordEnabled: boolean;
  slackEnabled: boolean;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid settings:\n  ${lines.join('\n  ')}`);
  }
  const c = parsed.data;
  const discordEnabled = c.DISCORD_TOKEN !== undefined;
  if (discordEnabled && !c.DISCORD_APPLICATION_ID) {
    throw new ConfigError(
      'DISCORD_APPLICATION_ID is required when DISCORD_TOKEN is set (Developer Portal → General Information → Application ID).',
    );
  }
  const slackEnabled = c.SLACK_BOT_TOKEN !== undefined;
  if (slackEnabled && !c.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      'SLACK_SIGNING_SECRET is required when SLACK_BOT_TOKEN is set (Slack app → Basic Information → Signing Secret).',
    );
  }
  return { ...c, discordEnabled, slackEnabled };
}

/** A database URL without its password. */
function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '[set]';
  return parsed.toString();
}

/** The settings safe to log: every token and secret replaced, and the database password. */
export function redactedConfig(config: Config): Record<string, unknown> {
  const secret = /TOKEN|SECRET|PASSWORD/;
  return Object.fromEntries(
    Object.entries(config).map(([k, v]) => [
      k,
      secret.test(k) && v !== undefined
        ? '[set]'
        : k === 'SITREP_DATABASE_URL' && typeof v === 'string'
          ? withoutPassword(v)
          : v,
    ]),
  );
}
