/**
 * Core services on a fresh in-memory store seeded with the real seed data: what a test needs to
 * call a query or drive an adapter. The seed is loaded and validated once per test file.
 */
import { type App, openApp } from '../../src/app.ts';
import type { Services } from '../../src/core/services.ts';
import { loadSeedData, type SeedData } from '../../src/data/load.ts';

let seed: SeedData | undefined;

export function testSeed(): SeedData {
  seed ??= loadSeedData();
  return seed;
}

/** A seeded app on ':memory:' (or `dbPath`); close it when done. */
export function createTestApp(dbPath = ':memory:', now?: () => Date): Promise<App> {
  return openApp({ dbPath, seed: testSeed(), now });
}

export async function createTestServices(): Promise<Services> {
  return (await createTestApp()).services;
}

/** A fixed "now" after all seed events, so answers do not depend on the day the tests run. */
export const TEST_NOW = new Date('2025-04-01T12:00:00Z');
