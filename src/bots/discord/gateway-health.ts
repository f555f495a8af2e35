/**
 * Whether the client's gateway connections are up, for /healthz. The client's own ready state
 * stays set once reached; each shard's status says when a connection is lost and being resumed.
 */
import { type Client, Status } from 'discord.js';

/** What is wrong with the gateway connection, or undefined when every shard is ready. */
export function gatewayProblem(client: Client): string | undefined {
  if (!client.isReady()) return 'gateway not ready';
  const down = client.ws.shards.filter((shard) => shard.status !== Status.Ready);
  if (down.size === 0) return undefined;
  return `gateway not ready (shard ${[...down.keys()].join(', ')}: ${[...down.values()].map((s) => Status[s.status]).join(', ')})`;
}
