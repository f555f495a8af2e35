/**
 * Forms on Slack: a slash command with a form opens a modal view (views.open with the command's
 * trigger_id); its view_submission runs through submitForm like every platform. A success closes
 * the modal and posts the confirmation to the channel the command came from; a bad field comes
 * back under that field; a refusal replaces the modal with a notice, and nothing is stored.
 */
import type { App, ViewResponseAction } from '@slack/bolt';
import type { Caller, CommandDef } from '../../commands/command-types.ts';
import { languageClues, userErrorView } from '../../commands/dispatch.ts';
import { openForm, submitForm } from '../../commands/form-dispatch.ts';
import { fallbackText, UserError, userErrorText } from '../../core/errors.ts';
import { chooseLanguage, type Language } from '../../core/i18n/language.ts';
import { messagesFor } from '../../core/i18n/messages.ts';
import type { View } from '../../core/view.ts';
import { drawMapOf } from './answer.ts';
import {
  blockErrors,
  decodeFormMetadata,
  encodeFormMetadata,
  FORM_CALLBACK_ID,
  formCommand,
  modalFor,
  noticeModal,
  submittedValues,
} from './forms.ts';
import type { Answer, HandlerContext, Permissions, WebClient } from './handlers.ts';
import { uploadMap } from './map-upload.ts';
import { renderView } from './render.ts';

/** Opens the form for a parsed command; an answer instead when it cannot be opened. */
export type FormOpener = (
  command: CommandDef,
  path: string[],
  raw: Record<string, string>,
  caller: Caller,
) => Promise<Answer | undefined>;

export interface FormOpening {
  command: CommandDef;
  path: string[];
  raw: Record<string, string>;
  caller: Caller;
  triggerId: string | undefined;
  channel: string | undefined;
  /** The message whose button opened the form: a success replaces it. */
  ts?: string | undefined;
}

/** Opens the modal; returns undefined when it opened, else the private answer to give. */
export async function openFormView(
  ctx: HandlerContext,
  client: WebClient,
  opening: FormOpening,
): Promise<Answer | undefined> {
  const { command, path, raw, caller } = opening;
  const language = chooseLanguage(await languageClues(raw, { services: ctx.services, now: ctx.now(), caller }));
  const form = command.form;
  if (!form)
    return { view: userErrorView(new UserError('no-form', { command: path.join(' ') }), language), private: true };
  const opened = await openForm(command, raw, { services: ctx.services, now: ctx.now(), caller }, ctx.logger);
  if (!opened.ok) return { view: opened.view, private: true };
  const fieldNames = new Set(form.fields.map((f) => f.name));
  const initial = { ...opened.initial };
  const args: Record<string, string> = {};
  // Fields given inline fill the form; the other options travel with it to the submission.
  for (const [name, value] of Object.entries(raw)) {
    if (fieldNames.has(name)) initial[name] = value;
    else args[name] = value;
  }
  const metadata = encodeFormMetadata({ command: path.join(' '), args, channel: opening.channel, ts: opening.ts });
  if (!metadata || !opening.triggerId) {
    const example = form.fields.map((f) => `${f.name}:…`).join(' ');
    return {
      view: userErrorView(new UserError('form-inline', { command: path.join(' '), example }), language),
      private: true,
    };
  }
  try {
    await client.views.open({ trigger_id: opening.triggerId, view: modalFor(form, metadata, initial, language) });
    return undefined;
  } catch (err) {
    // Most often an expired trigger_id (three seconds): running the command again helps.
    ctx.logger.warn({ err, command: path.join(' ') }, 'slack views.open failed');
    return {
      view: userErrorView(new UserError('form-not-opened', { command: path.join(' ') }), language),
      private: true,
    };
  }
}

export function registerFormSubmissions(
  app: App,
  ctx: HandlerContext,
  permissions: (client: WebClient, userId: string) => Promise<Permissions>,
): void {
  app.view(FORM_CALLBACK_ID, async ({ ack, body, view, client }) => {
    let acked = false;
    let language: Language = 'en';
    const answer = async (response?: ViewResponseAction) => {
      acked = true;
      await ack(response);
    };
    try {
      const meta = decodeFormMetadata(view.private_metadata);
      const command = meta && formCommand(ctx.commands, meta.command);
      const caller: Caller = {
        platform: 'slack',
        userId: body.user.id,
        userName: body.user.name,
        teamId: body.user.team_id ?? body.team?.id ?? undefined,
        channelId: meta?.channel,
        ...(await permissions(client, body.user.id)),
      };
      language = chooseLanguage(
        await languageClues(meta?.args ?? {}, { services: ctx.services, now: ctx.now(), caller }),
      );
      const m = messagesFor(language);
      if (!meta || !command?.form) {
        await answer(notice(m.t('form.out-of-date'), userErrorText(new UserError('form-gone'), m), language));
        return;
      }
      const form = command.form;
      const values = submittedValues(form, view.state.values);
      const result = await submitForm(
        command,
        meta.args,
        values,
        { services: ctx.services, now: ctx.now(), caller },
        ctx.logger,
      );
      if (result.ok) {
        await answer();
        if (meta.ts && meta.channel) await replace(ctx, client, meta.channel, meta.ts, result.view);
        else await confirm(ctx, client, meta.channel ?? body.user.id, body.user.id, result.view);
      } else if (result.errors) {
        await answer({ response_action: 'errors', errors: blockErrors(form, result.errors) });
      } else {
        const shown = result.view.language ?? language;
        await answer(
          notice(messagesFor(shown).t('form.not-recorded'), result.view.summary ?? result.view.title, shown),
        );
      }
    } catch (err) {
      ctx.logger.error({ err }, 'slack form submission failed');
      const m = messagesFor(language);
      if (!acked) await answer(notice(m.t('form.not-recorded'), fallbackText(m), language)).catch(() => undefined);
    }
  });
}

const notice = (title: string, text: string, language: Language) => ({
  response_action: 'update' as const,
  view: noticeModal(title, text, language),
});

/** The message a button opened the form from (a lead), replaced by the answer. */
async function replace(ctx: HandlerContext, client: WebClient, channel: string, ts: string, view: View) {
  const [m] = renderView(view, { maxMessages: 1 });
  if (!m) return;
  try {
    await client.chat.update({ channel, ts, text: m.text, blocks: m.blocks });
  } catch (err) {
    ctx.logger.warn({ err, channel }, 'slack: could not update the message the form came from');
  }
}

/** Posts the confirmation where the command was run; to the user directly if the channel refuses. */
async function confirm(ctx: HandlerContext, client: WebClient, channel: string, userId: string, view: View) {
  const post = async (to: string) => {
    for (const m of renderView(view, { maxMessages: 1 })) {
      await client.chat.postMessage({ channel: to, text: m.text, blocks: m.blocks, unfurl_links: false });
    }
  };
  try {
    await post(channel);
    await uploadMap(ctx.uploads, ctx.logger, { channel }, view, (map) => drawMapOf(ctx, map));
  } catch (err) {
    ctx.logger.warn({ err, channel }, 'slack confirmation to the channel failed; sending it to the user');
    await post(userId).catch((e: unknown) => ctx.logger.error({ err: e }, 'slack confirmation failed'));
  }
}
