/**
 * A Share click on a private answer: the question in the button's value runs again (through the
 * executor, as a page click does), is posted in the channel through the response_url saying who
 * shared it, with its map uploaded to the channel, and the private answer is deleted.
 */

import type { Caller } from '../../commands/command-types.ts';
import { userErrorView } from '../../commands/dispatch.ts';
import { isShareable, type ShareRequest, sharedBy } from '../../commands/visibility.ts';
import { UserError } from '../../core/errors.ts';
import { commandAt } from '../../executor/index.ts';
import type { ActionArgs, ActionRouter } from './actions.ts';
import { drawMapOf, respondFallback, runCommand } from './answer.ts';
import type { HandlerContext, WebClient } from './handlers.ts';
import { SLACK_LIMITS } from './limits.ts';
import { uploadMap } from './map-upload.ts';
import { renderView } from './render.ts';
import { decodeShareValue, SHARE_ACTION_ID } from './share-value.ts';
import type { UserDirectory } from './user-info.ts';

type RespondFn = ActionArgs['respond'];

interface Sharer {
  userId: string;
  handle?: string | undefined;
  teamId?: string | undefined;
  channel?: string | undefined;
}

export function registerShareAction(actions: ActionRouter, ctx: HandlerContext, users: UserDirectory): void {
  actions.on(SHARE_ACTION_ID, async ({ ack, body, action, respond, client }) => {
    await ack();
    const request = decodeShareValue(action.type === 'button' ? (action.value ?? '') : '');
    const sharer: Sharer = {
      userId: body.user.id,
      handle: body.user.name ?? ('username' in body.user ? body.user.username : undefined),
      teamId: body.team?.id ?? undefined,
      channel: 'channel' in body ? body.channel?.id : undefined,
    };
    await ctx.track(share(ctx, users, client, respond, request, sharer));
  });
}

async function share(
  ctx: HandlerContext,
  users: UserDirectory,
  client: WebClient,
  respond: RespondFn,
  request: ShareRequest | undefined,
  sharer: Sharer,
): Promise<void> {
  try {
    const command = request && commandAt(ctx.commands, request.command);
    const who = await users.lookup(client, sharer.userId);
    if (!request || !command || !isShareable(command) || !sharer.channel) {
      const refusal = renderView(userErrorView(new UserError('button-expired')))[0];
      await respond({ response_type: 'ephemeral', replace_original: false, text: refusal?.text ?? '' });
      return;
    }
    const caller: Caller = {
      platform: 'slack',
      userId: sharer.userId,
      userName: who.name ?? sharer.handle,
      teamId: sharer.teamId,
      channelId: sharer.channel,
      locale: who.locale,
    };
    const result = await runCommand(ctx, command, request.args, caller, ctx.now());
    if (result.private) {
      // Refused now (a page gone, the data changed): said to the sharer alone, the answer kept.
      for (const m of renderView(result.view, { maxMessages: 1 }))
        await respond({ response_type: 'ephemeral', replace_original: false, text: m.text, blocks: m.blocks });
      return;
    }
    const view = sharedBy(result.view, caller.userName ?? sharer.userId);
    // A response_url takes five posts: the shared answer, then the deletion of the private one.
    for (const m of renderView(view, { maxMessages: SLACK_LIMITS.responsesPerUrl - 1 }))
      await respond({ response_type: 'in_channel', replace_original: false, text: m.text, blocks: m.blocks });
    await respond({ delete_original: true });
    await uploadMap(ctx.uploads, ctx.logger, { channel: sharer.channel }, view, (map) => drawMapOf(ctx, map));
  } catch (err) {
    ctx.logger.error({ err }, 'slack: sharing an answer failed');
    await respondFallback(ctx.logger, respond);
  }
}
