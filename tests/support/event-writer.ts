/**
 * A bot-like writer in its own process: `node --import tsx event-writer.ts <path>` opens the
 * store as the bot does (seeded) and records events `written-0`, `written-1`, ... one transaction
 * each, printing each id once committed, until its stdin closes.
 */
import { openApp } from '../../src/app.ts';
import { makeEvent } from './events.ts';

const [path] = process.argv.slice(2);
if (!path) throw new Error('usage: event-writer.ts <path>');
const app = await openApp({ dbPath: path });
let open = true;
process.stdin.on('end', () => {
  open = false;
});
process.stdin.resume();
for (let i = 0; open; i++) {
  await app.services.store.putEvent(makeEvent({ id: `written-${i}`, summary: `Written event ${i}.` }), {
    author: 'writer',
    reason: 'test',
    at: '2026-11-30T12:00:00Z',
  });
  process.stdout.write(`written-${i}\n`);
  // Let stdin's end through between writes.
  await new Promise((resolve) => setImmediate(resolve));
}
await app.close();
