/** Two pollers on one SQLite file (two connections, as two processes have): every lead stored once. */
import { openSqliteIntakeStore } from '../../src/store/sqlite-intake.ts';
import { itPollsOnceWithTwoPollers } from './two-pollers.ts';

itPollsOnceWithTwoPollers('SQLite', async (world) => openSqliteIntakeStore(world.path, { now: world.clock.now }));
