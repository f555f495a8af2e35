/**
 * An answer rendered as Block Kit and posted to its response_url, by the bot or by an executor
 * worker. Posting a slash command's answer costs the bot's event loop a fraction of a
 * millisecond (the JSON, the request, the socket), time taken from acknowledging the next
 * requests in a burst; so where the worker can post the answer itself it does (see
 * createSlackDeliverer). Nothing here needs Bolt at run time: the worker loads it.
 */
import type { types } from '@slack/bolt';
import type { ShareRequest, Visibility } from '../../commands/visibility.ts';
import { fallbackText } from '../../core/errors.ts';
import type { View } from '../../core/view.ts';
import type { Deliverer, Delivery } from '../../executor/index.ts';
import type { Answer, AnswerLogger } from './answer.ts';
import { SLACK_LIMITS } from './limits.ts';
import { renderView, type SlackMessage } from './render.ts';
import { postJson } from './response-url.ts';
import { type ShareButton, shareButtonFor } from './share-value.ts';

export const FALLBACK = fallbackText();

/** A message to a response_url, as Slack takes it. */
export interface ResponseMessage {
  response_type: 'ephemeral' | 'in_channel';
  replace_original: boolean;
  text: string;
  blocks?: types.KnownBlock[];
}

export type Respond = (message: ResponseMessage) => Promise<unknown>;

/** Posts to a response_url as Bolt's respond() does (JSON; a failure status throws), for less CPU. */
export function respondTo(url: string): Respond {
  return (message) => postJson(url, message);
}

/** Private when asked so or by default, with its Share button; public ones carry none. */
export function withVisibility(answer: Answer, visibility: Visibility): Answer {
  if (answer.share && visibility === 'private') return { ...answer, private: true };
  return { ...answer, share: undefined };
}

/** An answer's messages, and whether the first replaces the message its button was on. */
export interface RenderedAnswer {
  messages: SlackMessage[];
  inPlace: boolean;
}

/** Renders an answer to a response_url: a page click (`replace`) replaces its message. */
export function renderAnswer(answer: Answer, replace: boolean): RenderedAnswer {
  // A private answer by choice (it has its Share button) replaces its message like a public one.
  const shareable = answer.private && answer.share !== undefined;
  const inPlace = replace && (!answer.private || shareable);
  const maxMessages = inPlace ? 1 : SLACK_LIMITS.responsesPerUrl;
  const share = shareable && answer.share ? shareButtonFor(answer.share, answer.view) : undefined;
  return { messages: renderOnce(answer.view, maxMessages, share), inPlace };
}

/** Posts rendered messages in order: public unless private. */
export async function postMessages(
  respond: Respond,
  isPrivate: boolean,
  { messages, inPlace }: RenderedAnswer,
): Promise<void> {
  for (const [i, m] of messages.entries()) {
    await respond({
      response_type: isPrivate ? 'ephemeral' : 'in_channel',
      replace_original: inPlace && i === 0,
      text: m.text,
      blocks: m.blocks,
    });
  }
}

/** The short private answer when answering failed; a failure to send it is only logged. */
export async function respondFallback(logger: AnswerLogger, respond: Respond, text = FALLBACK): Promise<void> {
  await respond({ response_type: 'ephemeral', replace_original: false, text }).catch((err: unknown) =>
    logger.error({ err }, 'slack fallback answer failed'),
  );
}

/**
 * Messages rendered, by their View and how many messages they may take: the executor hands one
 * View to every identical question (see src/executor/shared-answers.ts), which is then rendered
 * once. Read only.
 */
const rendered = new WeakMap<View, Map<string, SlackMessage[]>>();

/**
 * Kept by limit and Share button too: Slack answers slash commands privately, each with the
 * Share button of its question, and identical questions carry identical buttons.
 */
export function renderOnce(view: View, maxMessages: number, share?: ShareButton): SlackMessage[] {
  let byKey = rendered.get(view);
  if (byKey === undefined) {
    byKey = new Map();
    rendered.set(view, byKey);
  }
  const key = share ? `${maxMessages}|${share.value}` : String(maxMessages);
  let messages = byKey.get(key);
  if (messages === undefined) {
    messages = renderView(view, { maxMessages, share });
    // Buttons' queries differ between questions; a bounded few are kept per answer.
    if (byKey.size >= 64) byKey.clear();
    byKey.set(key, messages);
  }
  return messages;
}

/** Where and how a command's answer is posted, for a worker's deliverer. */
export interface SlackTarget {
  responseUrl: string;
  /** A page click: its answer replaces the message the button was on. */
  replace: boolean;
  /** As the asker gave it, or the command's default. */
  visibility: Visibility;
  /** The question again, for a Share button, should the answer not be private by itself. */
  share: ShareRequest | undefined;
  /** Whether the bot would upload a public answer's map after the text. */
  uploadsMap: boolean;
}

export const slackDelivery = (target: SlackTarget): Delivery => ({ platform: 'slack', target });

/**
 * Posts the answer as the bot would (see answerSafely), except what the worker cannot do: a
 * map to upload, or a button whose query must be saved first (the worker's connection only
 * reads); the bot answers those.
 */
export function createSlackDeliverer(logger: AnswerLogger): Deliverer {
  return (result, to) => {
    const target = to as SlackTarget;
    const answer = withVisibility(
      { view: result.view, private: result.private, share: result.private ? undefined : target.share },
      target.visibility,
    );
    if (target.uploadsMap && !answer.private && answer.view.map) return false;
    const rendering = renderAnswer(answer, target.replace);
    if (rendering.messages.some((m) => m.saves && m.saves.length > 0)) return false;
    const respond = respondTo(target.responseUrl);
    return postMessages(respond, answer.private, rendering).catch(async (err: unknown) => {
      logger.error({ err }, 'slack answer failed');
      await respondFallback(logger, respond);
    });
  };
}
