/**
 * A process with the bot's process guards and a shutdown step, that then fails as a library
 * could: a promise rejected with nobody listening (it must keep running), then an exception
 * thrown from a timer (it must shut down, running its steps, and exit with CRASH_EXIT_CODE).
 */
import { createLogger } from '../../src/log.ts';
import { installProcessGuards } from '../../src/process-guards.ts';
import { createShutdown } from '../../src/shutdown.ts';

const log = createLogger('info');
const shutdown = createShutdown({ log, deadlineMs: 10_000 });
shutdown.add('store', () => log.info('store closed'));
installProcessGuards(log, shutdown);
void Promise.reject(new Error('nobody awaited this'));
setTimeout(() => {
  log.info('still serving');
  setTimeout(() => {
    throw new Error('thrown from a timer');
  }, 0);
}, 50);
// Keeps the process alive, as the bot's connections do.
setInterval(() => {}, 1000);
