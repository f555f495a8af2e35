/**
 * The More button on Slack, and page buttons whose query is saved in the store. More runs the
 * answer's command again with the same options (through the executor: it only reads) and shows
 * the next screen of the whole answer. The first More on an answer others see comes privately
 * (ephemeral), so the channel's message is not rewritten for one reader; More on that private
 * message replaces it with the next screen.
 */

import type { Caller } from '../../commands/command-types.ts';
import { userErrorView } from '../../commands/dispatch.ts';
import { UserError } from '../../core/errors.ts';
import { messagesFor } from '../../core/i18n/messages.ts';
import { moreActionFor, moreScreen } from '../../core/more-screens.ts';
import { parseSavedQuery } from '../../core/saved-query-port.ts';
import type { View } from '../../core/view.ts';
import { commandAt } from '../../executor/index.ts';
import type { ActionRouter } from './actions.ts';
import { type AnswerContext, type Respond, respondFallback, runCommand } from './answer.ts';
import { decodeMoreValue, MORE_ACTION_ID } from './more-value.ts';
import { blocksFit, renderAll, renderView, type SlackMessage, withSaves } from './render.ts';
import { saveQueries } from './saved-buttons.ts';

export interface MoreContext extends AnswerContext {
  now: () => Date;
  track<T>(answering: Promise<T>): Promise<T>;
}

/** Screen `part` of the whole answer, within one screen, with a More button but on the last. */
export function renderMoreScreen(full: View, part: number): SlackMessage {
  const m = messagesFor(full.language ?? 'en');
  const written = new WeakMap();
  const fits = (candidate: View) => {
    const rendered = renderAll(candidate, m, {}, written);
    return rendered.length === 1 && blocksFit(rendered[0]?.blocks ?? []);
  };
  const saves: string[] = [];
  const messages = renderAll(moreScreen(full, part, fits, m), m, { maxMessages: 1 }, written, saves);
  return withSaves(messages, saves)[0] as SlackMessage;
}

export function registerMoreButton(actions: ActionRouter, ctx: MoreContext): void {
  actions.on(MORE_ACTION_ID, async ({ ack, body, action, respond }) => {
    await ack();
    const value = action.type === 'button' ? (action.value ?? '') : '';
    const container = 'container' in body ? (body.container as { is_ephemeral?: boolean }) : undefined;
    const caller: Caller = {
      platform: 'slack',
      userId: body.user.id,
      teamId: body.team?.id ?? undefined,
      channelId: 'channel' in body ? body.channel?.id : undefined,
    };
    await ctx.track(answerMore(ctx, value, caller, container?.is_ephemeral === true, respond as Respond));
  });
}

async function answerMore(ctx: MoreContext, value: string, caller: Caller, inPlace: boolean, respond: Respond) {
  try {
    const decoded = decodeMoreValue(value);
    const query =
      decoded && 'saved' in decoded
        ? parseSavedQuery(await ctx.services.savedQueries?.load(decoded.saved))
        : decoded?.query;
    const command = query && commandAt(ctx.commands, query.command);
    let message: SlackMessage;
    if (!decoded || !query || !command?.readOnly) {
      message = renderView(userErrorView(new UserError('button-expired')))[0] as SlackMessage;
      inPlace = false;
    } else {
      const raw: Record<string, unknown> = { ...query.args, ...(query.cursor ? { cursor: query.cursor } : {}) };
      const result = await runCommand(ctx, command, raw, caller, ctx.now());
      const full = { ...result.view, moreAction: moreActionFor(query.command, raw) };
      message = result.private ? (renderView(result.view)[0] as SlackMessage) : renderMoreScreen(full, decoded.part);
    }
    const [saved] = await saveQueries([message], ctx.services.savedQueries, ctx.logger);
    const { text, blocks } = saved as SlackMessage;
    await respond({ response_type: 'ephemeral', replace_original: inPlace, text, blocks });
  } catch (err) {
    ctx.logger.error({ err }, 'slack: the More button failed');
    await respondFallback(ctx.logger, respond);
  }
}
