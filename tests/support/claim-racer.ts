/**
 * A separate process racing others for the same ledger periods:
 * `node --import tsx claim-racer.ts <db path> <owner> <periods>`.
 * Prints "ready", waits for a line on stdin so that every racer starts together, claims every
 * period it can, marks each sent, and prints the periods it won as JSON. Halfway through it waits
 * (bounded) until another racer has won a period: on a busy machine one process could otherwise
 * be scheduled only after the other had finished, and there would be no race to check.
 */
import { once } from 'node:events';
import { openSqliteSubscriptionStore } from '../../src/store/sqlite-subscriptions.ts';

const [path, owner, count] = process.argv.slice(2);
if (!path || !owner || !count) throw new Error('usage: claim-racer.ts <path> <owner> <periods>');
const subscriptions = openSqliteSubscriptionStore(path);
process.stdout.write('ready\n');
await once(process.stdin, 'data');
process.stdin.pause();
const won: string[] = [];
const othersHaveWon = async () => (await subscriptions.ledger(1)).some((row) => row.owner !== owner);
for (let i = 0; i < Number(count); i++) {
  if (i === Math.floor(Number(count) / 2)) {
    // Bounded so a racer that died cannot hang this one; generous for a busy machine.
    const deadline = Date.now() + 60_000;
    while (!(await othersHaveWon()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const period = `p${String(i).padStart(4, '0')}`;
  const claim = await subscriptions.claim(
    { subscriptionId: 1, period, marker: `race:${period}`, scheduledAt: new Date().toISOString(), late: false },
    owner,
    60_000,
  );
  if (!claim) continue;
  await subscriptions.complete(claim.row.id, owner, `${owner}-${period}`);
  won.push(period);
}
await subscriptions.close();
process.stdout.write(JSON.stringify(won));
