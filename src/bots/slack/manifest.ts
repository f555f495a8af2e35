/**
 * The Slack app manifest, generated from the command registry: creating the app is a paste into
 * "Create New App → From an app manifest". Socket Mode by default (no public URL needed); with a
 * request URL, the HTTP variant that points commands, events and buttons at it.
 */
import type { CommandDef } from '../../commands/command-types.ts';
import { formatUsage } from '../../commands/text-args.ts';

export interface ManifestOptions {
  /** e.g. https://sitrep.example.org/slack/events; omitted: Socket Mode. */
  requestUrl?: string | undefined;
  appName?: string;
}

/** What the bot reads and writes; nothing more. */
export const BOT_SCOPES = [
  'commands',
  // Answers and digests; a digest channel must invite the bot, so that it can also read the
  // channel back (a marker check after a restart) and a removal shows as not_in_channel.
  'chat:write',
  'app_mentions:read',
  // Questions in direct messages (message.im events) and replies there.
  'im:history',
  // Finding an already-posted digest by its marker after a restart (conversations.history).
  'channels:history',
  'groups:history',
  // Maps with location reports and digests (files.getUploadURLExternal, completeUploadExternal).
  'files:write',
  // Whether a caller is a workspace admin (managing digest subscriptions, reporting).
  'users:read',
  // Reporters named by user group (SLACK_REPORTER_IDS): usergroups.users.list.
  'usergroups:read',
] as const;

export const BOT_EVENTS = ['app_mention', 'message.im'] as const;

export function buildSlackManifest(commands: readonly CommandDef[], options: ManifestOptions = {}): object {
  const url = options.requestUrl;
  const name = options.appName ?? 'Sitrep';
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: 'Sourced facts on the Multinational Security Support mission in Haiti',
      long_description:
        'Sitrep answers /status, /timeline, /location and /ask with sourced facts about the Multinational Security Support mission in Haiti (MSS), shows conflicting reports as conflicting, and posts a daily digest to a channel. Mention it or send it a direct message to ask anything: a place, casualties, a figure, a person, a claim to check.',
      background_color: '#1d3557',
    },
    features: {
      app_home: { home_tab_enabled: false, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: name.toLowerCase(), always_online: true },
      slash_commands: commands.map((c) => ({
        command: `/${c.name}`,
        description: c.description.slice(0, 100),
        usage_hint: usageHint(c),
        should_escape: false,
        ...(url ? { url } : {}),
      })),
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: { ...(url ? { request_url: url } : {}), bot_events: [...BOT_EVENTS] },
      interactivity: { is_enabled: true, ...(url ? { request_url: url } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: !url,
      token_rotation_enabled: false,
    },
  };
}

/** The synopsis without the command name: `[from:YYYY-MM-DD] [location] …`, at most 1000 characters. */
function usageHint(command: CommandDef): string {
  const first = formatUsage(command, '/').split('\n')[0] ?? '';
  const hint = first.replace(/^Usage: \/\S+\s*/, '');
  return (hint || 'help').slice(0, 1000);
}
