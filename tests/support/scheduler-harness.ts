/**
 * What scheduler tests run on: a seeded store file in a temporary folder that each "process"
 * opens on its own connection, a settable clock (the scheduler's and the store's), and an
 * in-memory channel that records posts and can fail, hang or vanish on demand.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from '../../src/app.ts';
import {
  type ChannelRef,
  PostError,
  type PostedMessage,
  type Poster,
  type PostOptions,
} from '../../src/core/poster-port.ts';
import type { SubscriptionInput, SubscriptionStore } from '../../src/core/subscription-port.ts';
import type { View } from '../../src/core/view.ts';
import { createScheduler, type Scheduler, type SchedulerOptions } from '../../src/scheduler/scheduler.ts';
import type { SchedulerLogger } from '../../src/scheduler/timers.ts';
import { createTestApp } from './services.ts';

export class FakeClock {
  private ms: number;
  constructor(start: string | Date) {
    this.ms = new Date(start).getTime();
  }
  readonly now = (): Date => new Date(this.ms);
  set(at: string | Date): void {
    this.ms = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface FakePost {
  channel: ChannelRef;
  view: View;
  marker: string | undefined;
  messageId: string;
  /** When it was posted, by the poster's clock. */
  at: string;
}

/**
 * A platform's channels as the bot sees them through the outbound port. `script` holds the
 * failures the next post() calls throw, in order; `hang` makes post() never settle, before or
 * after the message lands (a process killed mid-send).
 */
export class FakePoster implements Poster {
  readonly posts: FakePost[] = [];
  readonly script: PostError[] = [];
  readonly gone = new Set<string>();
  hang: 'none' | 'before-post' | 'after-post' = 'none';
  calls = 0;
  markerLookups = 0;
  constructor(
    readonly platform: ChannelRef['platform'],
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async post(channel: ChannelRef, view: View, options?: PostOptions): Promise<PostedMessage> {
    this.calls += 1;
    if (this.gone.has(channel.channelId)) throw new PostError({ kind: 'permanent' }, 'Unknown Channel');
    const failure = this.script.shift();
    if (failure) throw failure;
    if (this.hang === 'before-post') return new Promise(() => {});
    const messageId = `m${this.posts.length + 1}`;
    this.posts.push({ channel, view, marker: options?.marker, messageId, at: this.clock().toISOString() });
    if (this.hang === 'after-post') return new Promise(() => {});
    return { messageId };
  }

  /** Like a platform, it looks only at what was posted since `since`. */
  async findRecentByMarker(channel: ChannelRef, marker: string, since: string): Promise<PostedMessage | undefined> {
    this.markerLookups += 1;
    const found = this.posts.find(
      (p) => p.channel.channelId === channel.channelId && p.marker === marker && p.at >= since,
    );
    return found ? { messageId: found.messageId } : undefined;
  }

  /** Messages replaced with update(), in order. */
  readonly updates: Array<{ channel: ChannelRef; messageId: string; view: View }> = [];

  async update(channel: ChannelRef, messageId: string, view: View): Promise<void> {
    if (this.gone.has(channel.channelId)) throw new PostError({ kind: 'permanent' }, 'Unknown Channel');
    this.updates.push({ channel, messageId, view });
  }

  postsTo(channelId: string): FakePost[] {
    return this.posts.filter((p) => p.channel.channelId === channelId);
  }
}

/** A logger that keeps what it is given, so a test can check a pause was logged. */
export function recordingLogger(): SchedulerLogger & { lines: Array<{ level: string; msg: string; obj: object }> } {
  const lines: Array<{ level: string; msg: string; obj: object }> = [];
  const at = (level: string) => (obj: object, msg: string) => void lines.push({ level, msg, obj });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

/** One database file, shared by every "process" a test opens on it. */
export class SchedulerWorld {
  readonly dir = mkdtempSync(join(tmpdir(), 'sitrep-scheduler-'));
  readonly path = join(this.dir, 'sitrep.db');
  private readonly closers: Array<() => Promise<void>> = [];

  /** Opens the store (and its subscription store) on the file, as one bot process does; both on `clock`. */
  async openProcess(
    clock: FakeClock,
    poster: FakePoster,
    extra: Partial<SchedulerOptions> = {},
  ): Promise<
    {
      scheduler: Scheduler;
      subscriptions: SubscriptionStore;
      log: ReturnType<typeof recordingLogger>;
    } & App
  > {
    const app = await createTestApp(this.path, extra.now ?? clock.now);
    const { services } = app;
    const { subscriptions } = services;
    const log = recordingLogger();
    const scheduler = createScheduler({
      services,
      subscriptions,
      posters: [poster],
      settings: { skipQuietDays: false, catchUpHours: 12 },
      log,
      now: clock.now,
      cron: () => ({ stop() {} }),
      ...extra,
    });
    this.closers.push(() => app.close());
    return { ...app, services, scheduler, subscriptions, log };
  }

  async cleanup(): Promise<void> {
    for (const close of this.closers.splice(0)) await close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function digestInput(overrides: Partial<SubscriptionInput> = {}): SubscriptionInput {
  return {
    kind: 'digest',
    platform: 'discord',
    teamId: 'g1',
    channelId: 'c1',
    localTime: '07:00',
    timeZone: 'America/Port-au-Prince',
    language: 'en',
    createdBy: 'u1',
    ...overrides,
  };
}

/** Lets pending promise callbacks run (a post that resolves on the next turn, and so on). */
export async function settle(turns = 20): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}
