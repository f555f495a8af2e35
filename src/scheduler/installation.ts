/**
 * This installation's id: random, created once and stored with the data (the store's meta), so
 * every process on one store shares it and another installation, on another store, has its own.
 * It goes into every marker, so two installations posting digests in one channel never take one
 * another's post for their own.
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '../core/store-port.ts';

const KEY = 'installation_id';

export async function installationIdOf(store: Pick<Store, 'getMeta' | 'setMeta'>): Promise<string> {
  const existing = await store.getMeta(KEY);
  if (existing) return existing;
  await store.setMeta(KEY, randomUUID());
  // Read back: of two processes creating it at once, the later write is the one kept. (A row's
  // marker is stored with it, so a process that used the other id still finds its own post.)
  return (await store.getMeta(KEY)) as string;
}
