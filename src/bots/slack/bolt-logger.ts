/** Bolt and its clients log through ours (pino, secrets redacted) instead of the console. */
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../log.ts';

export function createBoltLogger(log: Logger): BoltLogger {
  let level: LogLevel = LogLevel.INFO;
  const text = (parts: unknown[]) => parts.map((p) => (typeof p === 'string' ? p : String(p))).join(' ');
  return {
    debug: (...m: unknown[]) => log.debug({ component: 'slack' }, text(m)),
    info: (...m: unknown[]) => log.info({ component: 'slack' }, text(m)),
    warn: (...m: unknown[]) => log.warn({ component: 'slack' }, text(m)),
    error: (...m: unknown[]) => log.error({ component: 'slack' }, text(m)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
