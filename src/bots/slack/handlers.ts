/**
 * Inbound Slack traffic → command calls. Every handler acknowledges first (Slack's 3-second
 * deadline), then hands a read-only command (slash commands, page clicks, mentions, DMs) to the
 * executor, or runs one that writes through dispatch, and answers through respond() or the Web
 * API. Whatever fails afterwards still gets a short private answer.
 */
import type { App, SlashCommand, webApi } from '@slack/bolt';
import type { Caller } from '../../commands/command-types.ts';
import { userErrorView } from '../../commands/dispatch.ts';
import { UserError } from '../../core/errors.ts';
import { commandAt } from '../../executor/index.ts';
import type { Logger } from '../../log.ts';
import { registerActionRouter } from './actions.ts';
import {
  type AnswerContext,
  answerSafely,
  type Permissions,
  type Respond,
  respondTo,
  runCommand,
  runPageClick,
  runText,
  withVisibility,
} from './answer.ts';
import { type FormOpener, openFormView, registerFormSubmissions } from './form-handlers.ts';
import { registerMessageHandlers } from './message-handlers.ts';
import { registerMoreButton } from './more.ts';
import { COMMAND_ACTION_ID, decodeCommandValue, PAGE_ACTION_ID } from './page-value.ts';
import { registerShareAction } from './share.ts';
import { reporterGroupsOf } from './user-groups.ts';
import { createUserDirectory } from './user-info.ts';

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
  const byName = new Map(ctx.commands.map((c) => [`/${c.name}`, c]));
  const served = ctx.commands.map((c) => `/${c.name}`).join(', ');
  // The user's Slack locale, looked up after the acknowledgement (and cached), chooses the language
  // where Discord's interaction.locale does.
  const users = createUserDirectory(ctx.logger);
  const localeOf = async (client: WebClient, userId: string) => (await users.lookup(client, userId)).locale;
  // Every slash command is answered here, in a global middleware rather than a listener: Bolt
  // runs a request through each listener's middleware chain, with a fresh copy of its arguments
  // at each step, and a slash command (the requests that come in bursts) then skips them all.
  // Other requests go on to the listeners.
  const answerCommand = async (payload: SlashCommand, client: WebClient) => {
    const respond = respondTo(payload.response_url);
    const command = byName.get(payload.command);
    const channel = payload.channel_id;
    const text = payload.text ?? '';
    await letOthersAcknowledge();
    await ctx.track(
      answerSafely(ctx, respond, async () => {
        const caller: Caller = {
          platform: 'slack',
          userId: payload.user_id,
          teamId: payload.team_id,
          channelId: channel,
          locale: await localeOf(client, payload.user_id),
        };
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
        // Slack answers a slash command privately unless asked otherwise, as Slack itself does.
        // Where it can, the executor's worker posts the answer itself, sparing this event loop.
        const answer = await runText(ctx, command, text, caller, ctx.now(), permissions, opener, {
          responseUrl: payload.response_url,
          visibility: 'private',
          uploadsMap: Boolean(channel),
        });
        return (
          answer && {
            ...withVisibility(answer, answer.visibility ?? 'private'),
            mapTo: channel ? { channel } : undefined,
          }
        );
      }),
    );
  };
  app.use(async (args) => {
    if (!('command' in args)) return args.next();
    await args.ack();
    // Answered once the middleware has returned: Bolt's request (its arguments, the body, the
    // HTTP exchange) is let go when acknowledged rather than held while the executor answers,
    // so that in a burst it dies young instead of filling the heap's old generation.
    ctx
      .track(answerCommand(args.command, args.client))
      .catch((err: unknown) => ctx.logger.error({ err }, 'slack: answering a slash command failed'));
  });

  registerFormSubmissions(app, ctx, (client, userId) => permissionsOf(ctx, client, userId));

  const actions = registerActionRouter(app);
  registerShareAction(actions, ctx, users);

  actions.on(new RegExp(`^${PAGE_ACTION_ID}`), async ({ ack, body, action, respond: boltRespond, client }) => {
    await ack();
    const respond = responderOf(body, boltRespond);
    const value = action.type === 'button' ? (action.value ?? '') : '';
    // A page of a private answer stays private, with its Share button.
    const ephemeral = 'container' in body && (body.container as { is_ephemeral?: boolean }).is_ephemeral === true;
    await letOthersAcknowledge();
    const page = async () => {
      const caller: Caller = {
        platform: 'slack',
        userId: body.user.id,
        teamId: body.team?.id ?? undefined,
        locale: await localeOf(client, body.user.id),
      };
      return withVisibility(await runPageClick(ctx, value, caller, ctx.now()), ephemeral ? 'private' : 'public');
    };
    await ctx.track(answerSafely(ctx, respond, page, { replace: true }));
  });

  // A button that runs a command (a lead's Record, Add to event, Dismiss): a form opens, filled
  // in; another command's answer replaces the message, or comes privately when refused.
  actions.on(new RegExp(`^${COMMAND_ACTION_ID}`), async ({ ack, body, action, respond: boltRespond, client }) => {
    await ack();
    const respond = responderOf(body, boltRespond);
    const request = decodeCommandValue(action.type === 'button' ? (action.value ?? '') : '');
    const command = request && commandAt(ctx.commands, request.command);
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
            locale: await localeOf(client, body.user.id),
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

  registerMoreButton(actions, ctx);
  registerMessageHandlers(app, ctx, localeOf);
}

export type WebClient = Parameters<Parameters<App['event']>[1]>[0]['client'];

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

/** An action's answer goes to its response_url through respondTo; Bolt's respond where it has none. */
function responderOf(body: unknown, boltRespond: Respond | undefined): Respond {
  const url = (body as { response_url?: unknown }).response_url;
  if (typeof url === 'string' && url) return respondTo(url);
  return boltRespond ?? (() => Promise.reject(new Error('This action has no response_url')));
}
