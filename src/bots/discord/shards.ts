/**
 * Discord through discord.js's ShardingManager: one child process per shard, each running the
 * Discord adapter alone (`sitrep start --role discord --discord-shard`, with the shard's id and
 * count in its environment, where discord.js's Client reads them). The manager respawns a shard
 * that dies; on stop it ends every shard, killing what has not exited in time.
 */
import { once } from 'node:events';
import { type Shard, ShardingManager } from 'discord.js';
import type { Config } from '../../config.ts';
import type { Logger } from '../../log.ts';
import { recommendedShards } from './rest-poster.ts';

export interface ShardOptions {
  /** The entry script every shard process runs, and its arguments. */
  script: string;
  args: string[];
  execArgv?: string[];
  /** Each shard has this long to become ready. */
  readyTimeoutMs?: number;
  /** On stop, shards that have not exited after this long are killed. */
  stopTimeoutMs?: number;
}

export interface DiscordShards {
  /** Spawns every shard; resolves once all are ready. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** What is not ready, or undefined when every shard is. */
  problem(): string | undefined;
  /** Each shard's guild ids, as its client sees them. */
  guilds(): Promise<string[][]>;
}

/** Discord allows one identify per 5 s per concurrency bucket; the manager waits this long between shards. */
const IDENTIFY_SPACING_MS = 5500;

export function createDiscordShards(
  config: Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_API_URL' | 'DISCORD_SHARDS'>,
  options: ShardOptions,
  log: Logger,
): DiscordShards {
  let manager: ShardingManager | undefined;
  let total = 0;
  let stopping = false;

  function watch(shard: Shard): void {
    shard.on('death', (child) => {
      if (stopping) return;
      const exitCode = 'exitCode' in child ? child.exitCode : undefined;
      log.error({ shard: shard.id, exitCode }, 'discord shard process ended; respawning');
    });
    shard.on('error', (err) => log.error({ err, shard: shard.id }, 'discord shard error'));
    shard.on('ready', () => log.info({ shard: shard.id }, 'discord shard ready'));
    shard.on('disconnect', () => log.warn({ shard: shard.id }, 'discord shard disconnected'));
  }

  return {
    async start() {
      const wanted = config.DISCORD_SHARDS ?? 'auto';
      const recommended = await recommendedShards(config);
      total = wanted === 'auto' ? recommended.shards : Number(wanted);
      manager = new ShardingManager(options.script, {
        token: config.DISCORD_TOKEN,
        totalShards: total,
        mode: 'process',
        respawn: true,
        shardArgs: options.args,
        execArgv: options.execArgv ?? [],
      });
      manager.on('shardCreate', watch);
      log.info({ shards: total }, 'discord shards starting');
      await manager.spawn({
        amount: total,
        delay: recommended.maxConcurrency >= total ? 0 : IDENTIFY_SPACING_MS,
        timeout: options.readyTimeoutMs ?? 60_000,
      });
    },
    async stop() {
      stopping = true;
      const running = [...(manager?.shards.values() ?? [])].flatMap((shard) => {
        const child = shard.process;
        if (!child || child.exitCode !== null || child.signalCode !== null) return [];
        const exited = once(child, 'exit');
        // Shard.kill() sends SIGTERM and drops the manager's respawn (and forgets the process);
        // the shard shuts down on its own deadline.
        shard.kill();
        return [{ child, exited }];
      });
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), options.stopTimeoutMs ?? 3000);
      });
      const outcome = await Promise.race([Promise.all(running.map((r) => r.exited)), late]);
      clearTimeout(timer);
      if (outcome === 'late') {
        log.warn('discord shards did not exit in time; killing them');
        for (const { child } of running) child.kill('SIGKILL');
      }
    },
    problem() {
      if (!manager) return 'shards not started';
      const shards = [...manager.shards.values()];
      const notReady = shards.filter((s) => !s.ready).map((s) => s.id);
      if (shards.length < total) return `${shards.length} of ${total} shards spawned`;
      return notReady.length > 0 ? `shard(s) ${notReady.join(', ')} not ready` : undefined;
    },
    async guilds() {
      if (!manager) return [];
      return (await manager.broadcastEval((client) => [...client.guilds.cache.keys()])) as string[][];
    },
  };
}
