/**
 * What keeps one bad gateway event from ending the bot. discord.js builds its objects (an
 * Interaction, the Message it carries) from a packet inside its own socket handler, before any
 * listener of ours runs; a packet it cannot build from (a field Discord left out, a wrong type)
 * throws there, and nothing up that stack catches it. The packet handler is wrapped so such a
 * packet is logged once and skipped, and the next one is served; an interaction the bot could
 * not read still gets a short private answer when its id and token are usable.
 */
import { type Client, type REST, Routes } from 'discord.js';
import { InteractionResponseType } from 'discord-api-types/v10';
import { errorView } from '../../commands/dispatch.ts';
import type { Logger } from '../../log.ts';
import { FALLBACK } from './answer.ts';
import { renderView } from './render.ts';

interface GatewayPacket {
  t?: unknown;
  s?: unknown;
  d?: unknown;
}

/** The part of discord.js's WebSocketManager that turns a dispatch into objects and events. */
interface PacketHandling {
  handlePacket(packet?: GatewayPacket, shard?: unknown): boolean;
}

const SNOWFLAKE = /^\d{1,20}$/;
const TOKEN = /^[\w.-]{1,500}$/;

/**
 * Wraps discord.js's packet handler (not public API, so the adapter tests pin it: a component
 * interaction with broken `interaction_metadata` threw inside it in discord.js 14.28).
 */
export function guardGatewayPackets(client: Client, log: Logger): void {
  const ws = client.ws as unknown as PacketHandling;
  if (typeof ws.handlePacket !== 'function') {
    throw new Error('discord.js no longer has WebSocketManager.handlePacket: the gateway guard needs updating');
  }
  const handle = ws.handlePacket.bind(ws);
  ws.handlePacket = (packet, shard) => {
    try {
      return handle(packet, shard);
    } catch (err) {
      log.error({ err, event: describeEvent(packet) }, 'discord: a gateway event could not be read; skipped');
      if (packet?.t === 'INTERACTION_CREATE') void answerUnreadable(client.rest, packet.d, log);
      return false;
    }
  };
}

/**
 * An event listener that never throws into its emitter nor leaves a rejected promise behind:
 * whatever escapes `handler` is logged.
 */
export function guarded<A extends unknown[]>(
  log: Logger,
  what: string,
  handler: (...args: A) => unknown,
): (...args: A) => void {
  const fail = (err: unknown) => log.error({ err }, `discord: ${what} failed`);
  return (...args) => {
    try {
      const result = handler(...args);
      if (result instanceof Promise) result.catch(fail);
    } catch (err) {
      fail(err);
    }
  };
}

function describeEvent(packet: GatewayPacket | undefined): { type: string; sequence?: number } {
  const type = typeof packet?.t === 'string' ? packet.t.slice(0, 64) : typeof packet?.t;
  return typeof packet?.s === 'number' ? { type, sequence: packet.s } : { type };
}

/** The fallback answer, straight through REST: discord.js could not build the Interaction. */
async function answerUnreadable(rest: REST, data: unknown, log: Logger): Promise<void> {
  const { id, token } = (data ?? {}) as { id?: unknown; token?: unknown };
  if (typeof id !== 'string' || typeof token !== 'string' || !SNOWFLAKE.test(id) || !TOKEN.test(token)) return;
  try {
    await rest.post(Routes.interactionCallback(id, token), {
      auth: false,
      body: {
        type: InteractionResponseType.ChannelMessageWithSource,
        data: renderView(errorView(FALLBACK), { private: true }),
      },
    });
  } catch (err) {
    log.warn({ err, interaction: id }, 'discord: could not answer an unreadable interaction');
  }
}
