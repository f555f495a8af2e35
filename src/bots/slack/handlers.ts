/**
 * Inbound Slack traffic → command calls. Every handler acknowledges first (Slack's 3-second
 * deadline), then runs the command through dispatch and answers through respond() or the Web
 * API. Whatever fails afterwards still gets a short private answer.
 */
import type { App, RespondFn, types, webApi } from '@slack/bolt';
import { isUserError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import type { View } from '../../core/view.ts';
import type { Logger } from '../../log.ts';
import type { Caller, CommandDef } from '../command-types.ts';
import { dispatch, errorView, resolveSubcommand } from '../dispatch.ts';
import { parseTextArgs } from '../text-args.ts';
import { type FormOpener, openFormView, registerFormSubmissions } from './form-handlers.ts';
import { wantsForm } from './forms.ts';
import { SLACK_LIMITS } from './limits.ts';
import { type MapTarget, uploadMap } from './map-upload.ts';
import { fromSlackText } from './mrkdwn.ts';
import { decodePageValue, PAGE_ACTION_ID } from './page-value.ts';
import { renderView } from './render.ts';
import { reporterGroupsOf } from './user-groups.ts';

export interface HandlerContext {
  commands: readonly CommandDef[];
  services: Services;
  now: () => Date;
  logger: Logger;
  /** Users (besides workspace admins) who may run managers-only commands. */
  managerIds: readonly string[];
  /** Uploads maps; a client that never retries or waits, so a failed upload ends quickly. */
  uploads: webApi.WebClient;
}

const FALLBACK = 'Sorry, something went wrong while answering. It has been logged; please try again.';

/** What a caller may do: manage the channel (admin or allowlist), and their reporter user groups. */
export type Permissions = Pick<Caller, 'canManageChannel' | 'roles'>;

export type Answer = {
  view: View;
  private: boolean;
  /** Where the View's map goes, once the text is answered (public answers only). */
  mapTo?: MapTarget | undefined;
};

/**
 * A query runs synchronously (SQLite); yielding once after acknowledging lets requests that
 * arrived meanwhile be acknowledged first, so a burst of commands keeps within Slack's 3 s.
 */
const letOthersAcknowledge = () => new Promise<void>((resolve) => setImmediate(resolve));

export function registerHandlers(app: App, ctx: HandlerContext): void {
  for (const command of ctx.commands) {
    app.command(`/${command.name}`, async ({ command: payload, ack, respond, client }) => {
      await ack();
      await letOthersAcknowledge();
      const channel = payload.channel_id;
      await answerSafely(ctx, respond, async () => {
        const caller: Caller = {
          platform: 'slack',
          userId: payload.user_id,
          teamId: payload.team_id,
          channelId: channel,
        };
        const permissions = (userId: string) => permissionsOf(ctx, client, userId);
        const opener: FormOpener = (cmd, path, raw, who) =>
          openFormView(ctx, client, { command: cmd, path, raw, caller: who, triggerId: payload.trigger_id, channel });
        const answer = await runText(ctx, command, payload.text ?? '', caller, permissions, opener);
        return answer && { ...answer, mapTo: channel ? { channel } : undefined };
      });
    });
  }

  registerFormSubmissions(app, ctx, (client, userId) => permissionsOf(ctx, client, userId));

  // A command the app still declares in Slack but no longer serves (an old manifest) gets a
  // private list of what is served instead of Slack's "dispatch_failed".
  const served = ctx.commands.map((c) => c.name.replace(/[^\w-]/g, ''));
  app.command(new RegExp(`^/(?!(?:${served.join('|')})$)`), async ({ command: payload, ack, respond }) => {
    await ack();
    await answerSafely(ctx, respond, async () => ({
      view: errorView(`${payload.command} is not served here. Commands: ${served.map((n) => `/${n}`).join(', ')}.`),
      private: true,
    }));
  });

  app.action(new RegExp(`^${PAGE_ACTION_ID}`), async ({ ack, body, action, respond }) => {
    await ack();
    await letOthersAcknowledge();
    await answerSafely(
      ctx,
      respond,
      async () => {
        const request = action.type === 'button' ? decodePageValue(action.value ?? '') : undefined;
        const [name, sub] = request?.command.split(' ') ?? [];
        const root = ctx.commands.find((c) => c.name === name);
        const command = root && resolveSubcommand(root, sub);
        if (!request || !command) {
          return { view: errorView('This button is out of date. Please run the command again.'), private: true };
        }
        const raw: Record<string, unknown> = { ...request.args };
        if (command.options.some((o) => o.name === 'cursor')) raw.cursor = request.cursor;
        const caller: Caller = { platform: 'slack', userId: body.user.id, teamId: body.team?.id ?? undefined };
        const result = await dispatch(command, raw, { services: ctx.services, now: ctx.now(), caller }, ctx.logger);
        return { view: result.view, private: result.private };
      },
      true,
    );
  });

  const ask = ctx.commands.find((c) => c.name === 'ask');
  if (!ask) return;
  // Slack redelivers an event it thinks was not received; a question is answered once.
  const seen = createRecentIds(1000);

  app.event('app_mention', async ({ event, body, client }) => {
    if (seen.has(body.event_id)) return;
    const thread = event.thread_ts ?? event.ts;
    const user = event.user ?? '';
    await answerInChannel(ctx, client, { channel: event.channel, thread, user, ephemeralErrors: true }, () =>
      runText(ctx, ask, event.text, { platform: 'slack', userId: user, channelId: event.channel }),
    );
  });

  app.message(async ({ message, body, client }) => {
    // Plain messages from people in a DM; edits, joins and other bots' posts are not questions.
    if (message.channel_type !== 'im' || message.subtype !== undefined || message.bot_id) return;
    if (seen.has(body.event_id)) return;
    await answerInChannel(ctx, client, { channel: message.channel, user: message.user, ephemeralErrors: false }, () =>
      runText(ctx, ask, message.text ?? '', {
        platform: 'slack',
        userId: message.user,
        channelId: message.channel,
      }),
    );
  });
}

/** Commands that manage or change the record: who may run them depends on the caller's permissions. */
const changesRecord = (root: CommandDef, command: CommandDef) =>
  Boolean(command.managersOnly || command.form || root.form || root.subcommands?.some((s) => s.form));

/**
 * Parses the text, answers `help`, opens a form when the command has one and its fields were
 * not given inline, and otherwise runs the command through dispatch. Undefined: a form opened.
 */
async function runText(
  ctx: HandlerContext,
  root: CommandDef,
  text: string,
  caller: Caller,
  permissions?: (userId: string) => Promise<Permissions>,
  openForm?: FormOpener,
): Promise<Answer | undefined> {
  let call: ReturnType<typeof parseTextArgs>;
  try {
    call = parseTextArgs(root, fromSlackText(text), { prefix: '/' });
  } catch (err) {
    if (isUserError(err)) return { view: errorView(err.message), private: true };
    throw err;
  }
  if (call.kind === 'help') {
    return {
      view: { kind: 'message', title: `/${call.path.join(' ')}`, summary: call.usage, sections: [] },
      private: true,
    };
  }
  const granted = changesRecord(root, call.command) && permissions ? await permissions(caller.userId) : undefined;
  const who: Caller = { ...caller, canManageChannel: granted?.canManageChannel ?? false, roles: granted?.roles };
  if (call.command.form && openForm && wantsForm(call.command.form, call.raw)) {
    return openForm(call.command, call.path, call.raw, who);
  }
  const result = await dispatch(
    call.command,
    call.raw,
    { services: ctx.services, now: ctx.now(), caller: who },
    ctx.logger,
  );
  return { view: result.view, private: result.private };
}

/** Answers through a response_url: public unless private; a page click replaces its message. */
async function answerSafely(
  ctx: HandlerContext,
  respond: RespondFn,
  work: () => Promise<Answer | undefined>,
  replace = false,
) {
  try {
    const answer = await work();
    if (!answer) return;
    const maxMessages = replace && !answer.private ? 1 : SLACK_LIMITS.responsesPerUrl;
    const messages = renderView(answer.view, { maxMessages });
    for (const [i, m] of messages.entries()) {
      await respond({
        response_type: answer.private ? 'ephemeral' : 'in_channel',
        replace_original: replace && !answer.private && i === 0,
        text: m.text,
        blocks: m.blocks,
      });
    }
    if (answer.mapTo && !answer.private) await uploadMap(ctx.uploads, ctx.logger, answer.mapTo, answer.view);
  } catch (err) {
    ctx.logger.error({ err }, 'slack answer failed');
    await respond({ response_type: 'ephemeral', replace_original: false, text: FALLBACK }).catch((e: unknown) =>
      ctx.logger.error({ err: e }, 'slack fallback answer failed'),
    );
  }
}

interface Place {
  channel: string;
  thread?: string | undefined;
  user: string;
  /** In a channel, errors go only to the asker; in a DM the reply is private anyway. */
  ephemeralErrors: boolean;
}

export type WebClient = Parameters<Parameters<App['event']>[1]>[0]['client'];

async function answerInChannel(
  ctx: HandlerContext,
  client: WebClient,
  at: Place,
  work: () => Promise<Answer | undefined>,
) {
  const send = async (answer: Answer) => {
    for (const m of renderView(answer.view, { maxMessages: SLACK_LIMITS.responsesPerUrl })) {
      const base = { channel: at.channel, text: m.text, blocks: m.blocks as types.KnownBlock[] };
      const thread = at.thread ? { thread_ts: at.thread } : {};
      if (answer.private && at.ephemeralErrors) await client.chat.postEphemeral({ ...base, ...thread, user: at.user });
      else await client.chat.postMessage({ ...base, ...thread, unfurl_links: false, unfurl_media: false });
    }
  };
  try {
    const answer = await work();
    if (!answer) return;
    await send(answer);
    if (!answer.private)
      await uploadMap(ctx.uploads, ctx.logger, { channel: at.channel, thread: at.thread }, answer.view);
  } catch (err) {
    ctx.logger.error({ err }, 'slack answer failed');
    await send({ view: errorView(FALLBACK), private: true }).catch((e: unknown) =>
      ctx.logger.error({ err: e }, 'slack fallback answer failed'),
    );
  }
}

/** Both looked up at once: a form's trigger_id lasts three seconds. */
async function permissionsOf(ctx: HandlerContext, client: WebClient, userId: string): Promise<Permissions> {
  const [canManageChannel, roles] = await Promise.all([
    isManager(ctx, client, userId),
    reporterGroupsOf(client, ctx.logger, ctx.services.settings.reporters.slackIds, userId),
  ]);
  return { canManageChannel, roles };
}

/** Workspace admins and owners, and the configured manager ids, may manage a channel's digests. */
async function isManager(ctx: HandlerContext, client: WebClient, userId: string): Promise<boolean> {
  if (ctx.managerIds.includes(userId)) return true;
  try {
    const info = await client.users.info({ user: userId });
    return Boolean(info.user?.is_admin || info.user?.is_owner);
  } catch (err) {
    ctx.logger.warn({ err, userId }, 'slack users.info failed; treating the caller as a non-manager');
    return false;
  }
}

/** Remembers the last `limit` ids; `has` records the id and says whether it was already there. */
function createRecentIds(limit: number): { has(id: string): boolean } {
  const ids = new Set<string>();
  return {
    has(id) {
      if (ids.has(id)) return true;
      ids.add(id);
      if (ids.size > limit) ids.delete(ids.values().next().value as string);
      return false;
    },
  };
}
