/**
 * Questions in messages: a message that mentions the app, or any message in a DM, is answered
 * like /ask, in place (in the thread), by the executor; Slack's redeliveries are answered once.
 */
import type { App, types } from '@slack/bolt';
import type { Caller } from '../../commands/command-types.ts';
import { errorView } from '../../commands/dispatch.ts';
import { type Answer, drawMapOf, FALLBACK, renderOnce, runText } from './answer.ts';
import type { HandlerContext, WebClient } from './handlers.ts';
import { SLACK_LIMITS } from './limits.ts';
import { uploadMap } from './map-upload.ts';
import { saveQueries } from './saved-buttons.ts';

export function registerMessageHandlers(
  app: App,
  ctx: HandlerContext,
  localeOf: (client: WebClient, userId: string) => Promise<string | undefined>,
): void {
  const ask = ctx.commands.find((c) => c.name === 'ask');
  if (!ask) return;
  app.event('app_mention', async ({ event, body, client }) => {
    if (!(await firstDelivery(ctx, body.event_id))) return;
    const thread = event.thread_ts ?? event.ts;
    const user = event.user ?? '';
    await ctx.track(
      answerInChannel(ctx, client, { channel: event.channel, thread, user, ephemeralErrors: true }, async () => {
        const locale = await localeOf(client, user);
        return runText(
          ctx,
          ask,
          event.text,
          { platform: 'slack', userId: user, channelId: event.channel, locale },
          ctx.now(),
        );
      }),
    );
  });

  app.message(async ({ message, body, client }) => {
    // Plain messages from people in a DM; edits, joins and other bots' posts are not questions.
    if (message.channel_type !== 'im' || message.subtype !== undefined || message.bot_id) return;
    if (!(await firstDelivery(ctx, body.event_id))) return;
    await ctx.track(
      answerInChannel(
        ctx,
        client,
        { channel: message.channel, user: message.user, ephemeralErrors: false },
        async () => {
          const locale = await localeOf(client, message.user);
          const caller: Caller = { platform: 'slack', userId: message.user, channelId: message.channel, locale };
          return runText(ctx, ask, message.text ?? '', caller, ctx.now());
        },
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
    await ctx.ackFirst?.turn();
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
