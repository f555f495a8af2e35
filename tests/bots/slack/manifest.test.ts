import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BOT_EVENTS, BOT_SCOPES, buildSlackManifest } from '../../../src/bots/slack/manifest.ts';
import { runManifestCli } from '../../../src/bots/slack/print-manifest.ts';
import { commands } from '../../../src/commands/commands.ts';

// biome-ignore lint/suspicious/noExplicitAny: manifest JSON
type Manifest = any;

describe('Slack app manifest', () => {
  it('lists exactly the registry commands, with descriptions and usage hints', () => {
    const manifest: Manifest = buildSlackManifest(commands);
    const slash = manifest.features.slash_commands;
    expect(slash.map((c: Manifest) => c.command)).toEqual(commands.map((c) => `/${c.name}`));
    for (const c of slash) {
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.description.length).toBeLessThanOrEqual(100);
      expect(c.should_escape).toBe(false);
      expect(c.url).toBeUndefined();
    }
    expect(slash.find((c: Manifest) => c.command === '/location').usage_hint).toBe(
      '<name…> [radius_km:N] [language:CHOICE] [visibility:CHOICE]',
    );
  });

  it('asks for the scopes and events the adapter uses, with Socket Mode and interactivity on', () => {
    const manifest: Manifest = buildSlackManifest(commands);
    expect(manifest.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining([
        'commands',
        'chat:write',
        'app_mentions:read',
        'im:history',
        'channels:history',
        // Map uploads, and reporters named by user group.
        'files:write',
        'usergroups:read',
      ]),
    );
    expect(manifest.settings.event_subscriptions.bot_events).toEqual([...BOT_EVENTS]);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true });
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
  });

  it('points commands, events and buttons at the request URL in HTTP mode', () => {
    const url = 'https://sitrep.example.org/slack/events';
    const manifest: Manifest = buildSlackManifest(commands, { requestUrl: url });
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.settings.event_subscriptions.request_url).toBe(url);
    expect(manifest.settings.interactivity.request_url).toBe(url);
    expect(manifest.features.slash_commands.every((c: Manifest) => c.url === url)).toBe(true);
  });

  it('`npm run slack:manifest` prints the same manifest as JSON; --url needs an https URL', () => {
    const out: string[] = [];
    const err: string[] = [];
    expect(
      runManifestCli(
        [],
        (t) => out.push(t),
        (t) => err.push(t),
      ),
    ).toBe(0);
    expect(JSON.parse(out.join(''))).toEqual(buildSlackManifest(commands));
    expect(
      runManifestCli(
        ['--url', 'http://insecure'],
        (t) => out.push(t),
        (t) => err.push(t),
      ),
    ).toBe(2);
    expect(err.join('')).toContain('--url needs the public https URL');
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.scripts['slack:manifest']).toBe('node --import tsx src/bots/slack/print-manifest.ts');
  });
});
