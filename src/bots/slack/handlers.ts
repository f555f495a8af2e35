/**
 * Inbound Slack traffic → command calls. Every handler acknowledges first (Slack's 3-second
 * deadline), then hands a read-only command (slash commands, page clicks, mentions, DMs) to the
 * executor, or runs one that writes through dispatch, and answers through respond() or the Web
 * API. Whatever fails afterwards still gets a short private answer.
 */
import type { App, types, webApi } from '@slack/bolt';
import type { Caller } from '../../commands/command-types.ts';
import { errorView, resolveSubcommand, userErrorView } from '../../commands/dispatch.ts';
import { UserError } from '../../core/errors.ts';
import type { Logger } from '../../log.ts';
import {
  type Answer,
  type AnswerContext,
  answerSafely,
  drawMapOf,
  FALLBACK,
  type Permissions,
  renderOnce,
  runCommand,
  runPageClick,
  runText,
} from './answer.ts';
import { type FormOpener, openFormView, registerFormSubmissions } from './form-handlers.ts';
import { SLACK_LIMITS } from './limits.ts';
import { uploadMap } from './map-upload.ts';
import { registerMoreButton } from './more.ts';
import { COMMAND_ACTION_ID, decodeCommandValue, PAGE_ACTION_ID } from './page-value.ts';
import { saveQueries } from './saved-buttons.ts';
import { reporterGroupsOf } from './user-groups.ts';

export type { Answer, Permissions } from './answer.ts';

export interface HandlerContext extends AnswerContext {
  now: () => Date;
  logger: Logger;
  /** Users (besides workspace admins) who may run managers-only commands. */
  managerIds: readonly string[];
  /** Uploads maps; a client that never retries or waits, so a failed upload ends quickly. */
  uploads: webApi.WebClient;
  /** Counts an answer in progress until it settles, so stopping can let it finish. */
  track<T>(answering: Promise<T>): Promise<T>;
}

/**
 * Work that runs here (a command that writes) may be synchronous (SQLite); yielding once after
 * acknowledging lets requests that arrived meanwhile be acknowledged first, so a burst of
 * commands keeps within Slack's 3 s.
 */
const letOthersAcknowledge = () => new Promise<void>((resolve) => setImmediate(resolve));

export function registerHandlers(app: App, ctx: HandlerContext): void {
  // One listener for every command: Bolt runs each request through every listener's middleware,
  // so one per command would cost each acknowledgement a dozen chains.
  const byName = new Map(ctx.commands.map((c) => [`/${c.name}`, c]));
  const served = ctx.commands.map((c) => `/${c.name}`).join(', ');
  app.command(/^\//, async ({ command: payload, ack, respond, client }) => {
    await ack();
    const command = byName.get(payload.command);
    const channel = payload.channel_id;
    const caller: Caller = { platform: 'slack', userId: payload.user_id, teamId: payload.team_id, channelId: channel };
    const text = payload.text ?? '';
    await letOthersAcknowledge();
    await ctx.track(
      answerSafely(ctx, respond, async () => {
        // A command the app still declares in Slack but no longer serves (an old manifest) gets a
        // private list of what is served instead of Slack's "dispatch_failed".
        if (!command)
          return {
            view: userErrorView(new UserError('not-served', { command: payload.command, served })),
            private: true,
          };
        const permissions = (userId: string) => permissionsOf(ctx, client, userId);
        const opener: FormOpener = (cmd, path, raw, who) =>
          openFormView(ctx, client, { command: cmd, path, raw, caller: who, triggerId: payload.trigger_id, channel });
        const answer = await runText(ctx, command, text, caller, ctx.now(), permissions, opener);
        return answer && { ...answer, mapTo: channel ? { channel } : undefined };
      }),
    );
  });

  registerFormSubmissions(app, ctx, (client, userId) => permissionsOf(ctx, client, userId));

  app.action(new RegExp(`^${PAGE_ACTION_ID}`), async ({ ack, body, action, respond }) => {
    await ack();
    const value = action.type === 'button' ? (action.value ?? '') : '';
    const caller: Caller = { platform: 'slack', userId: body.user.id, teamId: body.team?.id ?? undefined };
    await letOthersAcknowledge();
    await ctx.track(answerSafely(ctx, respond, () => runPageClick(ctx, value, caller, ctx.now()), { replace: true }));
  });

  // A button that runs a command (a lead's Record, Add to event, Dismiss): a form opens, filled
  // in; another command's answer replaces the message, or comes privately when refused.
  app.action(new RegExp(`^${COMMAND_ACTION_ID}`), async ({ ack, body, action, respond, client }) => {
    await ack();
    const request = decodeCommandValue(action.type === 'button' ? (action.value ?? '') : '');
    const [name, sub] = request ? request.command.split(' ') : [];
    const root = ctx.commands.find((c) => c.name === name);
    const command = root && resolveSubcommand(root, sub);
    const channel = 'channel' in body ? body.channel?.id : undefined;
    const ts =
      ('message' in body ? body.message?.ts : undefined) ??
      ('container' in body ? (body.container as { message_ts?: string }).message_ts : undefined);
    const triggerId = 'trigger_id' in body ? body.trigger_id : undefined;
    await letOthersAcknowledge();
    await ctx.track(
      answerSafely(
        ctx,
        respond,
        async () => {
          if (!request || !command) return { view: userErrorView(new UserError('button-expired')), private: true };
          const caller: Caller = {
            platform: 'slack',
            userId: body.user.id,
            userName: body.user.name ?? ('username' in body.user ? body.user.username : undefined),
            teamId: body.team?.id ?? undefined,
            channelId: channel,
            ...(await permissionsOf(ctx, client, body.user.id)),
          };
          if (command.form)
            return openFormView(ctx, client, {
              command,
              path: request.command.split(' '),
              raw: request.args,
              caller,
              triggerId,
              channel,
              ts,
            });
          const result = await runCommand(ctx, command, request.args, caller, ctx.now());
          return { view: result.view, private: result.private };
        },
        { replace: true },
      ),
    );
  });

  registerMoreButton(app, ctx);

  const ask = ctx.commands.find((c) => c.name === 'ask');
  if (!ask) return;
  app.event('app_mention', async ({ event, body, client }) => {
    if (!(await firstDelivery(ctx, body.event_id))) return;
    const thread = event.thread_ts ?? event.ts;
    const user = event.user ?? '';
    await ctx.track(
      answerInChannel(ctx, client, { channel: event.channel, thread, user, ephemeralErrors: true }, () =>
        runText(ctx, ask, event.text, { platform: 'slack', userId: user, channelId: event.channel }, ctx.now()),
      ),
    );
  });

  app.message(async ({ message, body, client }) => {
    // Plain messages from people in a DM; edits, joins and other bots' posts are not questions.
    if (message.channel_type !== 'im' || message.subtype !== undefined || message.bot_id) return;
    if (!(await firstDelivery(ctx, body.event_id))) return;
    const caller: Caller = { platform: 'slack', userId: message.user, channelId: message.channel };
    await ctx.track(
      answerInChannel(ctx, client, { channel: message.channel, user: message.user, ephemeralErrors: false }, () =>
        runText(ctx, ask, message.text ?? '', caller, ctx.now()),
      ),
    );
  });
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
    const messages = renderOnce(answer.view, SLACK_LIMITS.responsesPerUrl);
    for (const m of await saveQueries(messages, ctx.services.savedQueries, ctx.logger)) {
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
      await uploadMap(ctx.uploads, ctx.logger, { channel: at.channel, thread: at.thread }, answer.view, (map) =>
        drawMapOf(ctx, map),
      );
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

/** Slack retries an event for about five minutes; an hour's memory covers every retry. */
const REDELIVERY_WINDOW_MS = 3_600_000;

/**
 * Slack redelivers an event it thinks was not received; a question is answered once, by
 * whichever replica on the store got it first. Without a subscription store (tests that build
 * services by hand) every delivery is answered.
 */
async function firstDelivery(ctx: HandlerContext, eventId: string): Promise<boolean> {
  const subscriptions = ctx.services.subscriptions;
  if (!subscriptions) return true;
  try {
    return await subscriptions.firstDelivery(`slack:${eventId}`, REDELIVERY_WINDOW_MS);
  } catch (err) {
    // Better to answer a redelivered question twice than to drop one.
    ctx.logger.warn({ err, eventId }, 'slack: could not check for a redelivered event');
    return true;
  }
}
