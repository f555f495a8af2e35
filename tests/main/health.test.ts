/** /healthz: 200 only when the store answers and every part is up; 503 naming what is not. */
import { afterEach, describe, expect, it } from 'vitest';
import { createHealth, type HealthServer, serveHealth } from '../../src/health.ts';

const servers: HealthServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function get(port: number, path = '/healthz') {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, text: await res.text() };
}

describe('health', () => {
  it('answers 200 when the store answers and every part is up, 503 with what is not', async () => {
    let gateway = false;
    let stopping = false;
    const health = createHealth({ roles: ['discord'], probeStore: async () => 'ok', stopping: () => stopping });
    health.add('discord', () => (gateway ? undefined : 'gateway not ready'));
    const server = await serveHealth(health, 0, '127.0.0.1');
    servers.push(server);
    const down = await get(server.port);
    expect(down.status).toBe(503);
    expect(JSON.parse(down.text)).toEqual({
      ready: false,
      roles: ['discord'],
      checks: { store: 'up', discord: 'gateway not ready' },
    });
    gateway = true;
    expect(await get(server.port)).toEqual({
      status: 200,
      text: '{"ready":true,"roles":["discord"],"checks":{"store":"up","discord":"up"}}\n',
    });
    stopping = true;
    expect((await get(server.port)).status).toBe(503);
    expect((await get(server.port, '/other')).status).toBe(404);
  });

  it('a store that fails or does not answer in time is not ready', async () => {
    const failing = createHealth({
      roles: [],
      probeStore: async () => {
        throw new Error('database is locked');
      },
      stopping: () => false,
    });
    expect(await failing.report()).toEqual({
      ready: false,
      roles: [],
      checks: { store: 'not answering: database is locked' },
    });
    const hanging = createHealth({
      roles: [],
      probeStore: () => new Promise(() => {}),
      stopping: () => false,
      storeTimeoutMs: 50,
    });
    expect((await hanging.report()).checks.store).toBe('not answering: no answer within 50 ms');
  });

  it('a port already taken fails to serve, with the reason', async () => {
    const health = createHealth({ roles: [], probeStore: async () => 'ok', stopping: () => false });
    const first = await serveHealth(health, 0, '127.0.0.1');
    servers.push(first);
    await expect(serveHealth(health, first.port, '127.0.0.1')).rejects.toThrow(/EADDRINUSE/);
  });
});
