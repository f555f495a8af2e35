/** What tests look for among the requests the Discord stand-in recorded. */
import type { MessageJson, RecordedRequest } from './discord-stand-in.ts';

/** The first callback (reply, defer, update, modal, choices) of an interaction. */
export const callbackOf = (id: string, token: string) => (r: RecordedRequest) =>
  r.method === 'POST' && r.path === `/interactions/${id}/${token}/callback`;

/** An edit of an interaction's original answer. */
export const originalEditOf = (token: string) => (r: RecordedRequest) =>
  r.method === 'PATCH' && r.path.endsWith(`/${token}/messages/@original`);

/** What a message's embeds say: titles, descriptions, footers and fields, a line each. */
export const textOf = (m: MessageJson | undefined) =>
  (m?.embeds ?? [])
    .flatMap((e) => [e.title, e.description, e.footer?.text, ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])
    .join('\n');
