/**
 * Starts the chat platforms whose tokens are set, and the scheduler that posts through them.
 */
import type { App } from './app.ts';
import type { Config } from './config.ts';
import type { Logger } from './log.ts';

export interface RunningPlatforms {
  stop(): Promise<void>;
}

export async function startPlatforms(_config: Config, _app: App, log: Logger): Promise<RunningPlatforms> {
  log.error('no platform adapters are built in yet');
  return { stop: async () => {} };
}
