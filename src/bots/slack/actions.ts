/**
 * One Bolt listener for every button, routing by action_id. Bolt runs each request, a slash
 * command included, through every listener's middleware, with a fresh copy of its arguments at
 * each step: in a burst profile that was the largest part of the garbage the bot made per slash
 * command, and four listeners for buttons were half of it.
 */
import type { AllMiddlewareArgs, App, SlackActionMiddlewareArgs } from '@slack/bolt';

export type ActionArgs = SlackActionMiddlewareArgs & AllMiddlewareArgs;
export type ActionListener = (args: ActionArgs) => Promise<void>;

export interface ActionRouter {
  /** A string names one action_id; a RegExp, every action_id it matches. */
  on(actionId: string | RegExp, listener: ActionListener): void;
}

/** Every button this app sends has an action_id with this prefix. */
const OURS = /^sitrep_/;

export function registerActionRouter(app: App): ActionRouter {
  const routes: Array<{ actionId: string | RegExp; listener: ActionListener }> = [];
  app.action(OURS, async (args) => {
    const id = 'action_id' in args.action ? args.action.action_id : undefined;
    if (id === undefined) return;
    // The first route that matches, as the listeners it replaces never overlapped.
    const route = routes.find((r) => (typeof r.actionId === 'string' ? r.actionId === id : r.actionId.test(id)));
    await route?.listener(args);
  });
  return {
    on(actionId, listener) {
      routes.push({ actionId, listener });
    },
  };
}
