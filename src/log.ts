/**
 * Structured logs (pino) to stderr. Anything that looks like a token or secret is redacted by
 * path, so a logged config or request never leaks one.
 */
import { pino } from 'pino';

export type Logger = pino.Logger;

const REDACT = [
  '*.token',
  '*.*.token',
  '*.DISCORD_TOKEN',
  '*.SLACK_BOT_TOKEN',
  '*.SLACK_APP_TOKEN',
  '*.SLACK_SIGNING_SECRET',
  '*.signingSecret',
  '*.authorization',
  '*.headers.authorization',
];

/**
 * Writes are synchronous: an asynchronous stream flushed at a crash can write the lines it had
 * buffered before the one still in flight, and the lines before a crash are the ones read most.
 */
export function createLogger(level: string = 'info'): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' } }, pino.destination({ dest: 2, sync: true }));
}

/** A logger that drops everything, for tests and one-shot CLI runs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
