/**
 * Posting an answer to a Slack response_url. Bolt's respond() uses fetch, whose streams cost
 * the bot about 0.7 ms of CPU per answer on its event loop (a burst profile: a third of the
 * bot's own work per slash command), time taken from acknowledging the next requests within
 * Slack's 3 s. A plain request on a kept-alive connection does the same for a fraction.
 */
import http from 'node:http';
import https from 'node:https';

/** Slack answers a response_url in well under a second; a hung one must not hold an answer. */
const TIMEOUT_MS = 15_000;

const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

/** POSTs `message` as JSON; a failure status, a network error or the timeout rejects. */
export function postJson(url: string, message: unknown): Promise<void> {
  const target = new URL(url);
  const body = Buffer.from(JSON.stringify(message));
  const protocol = target.protocol === 'https:' ? 'https:' : target.protocol === 'http:' ? 'http:' : undefined;
  if (!protocol) return Promise.reject(new Error(`Not an http(s) response_url: ${target.protocol}`));
  const send = protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: 'POST',
        agent: agents[protocol],
        headers: { 'content-type': 'application/json', 'content-length': body.length },
        timeout: TIMEOUT_MS,
      },
      (res) => {
        res.resume();
        res.once('error', reject);
        res.once('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else reject(new Error(`Failed to respond to the response_url: ${status} ${res.statusMessage ?? ''}`.trim()));
        });
      },
    );
    req.once('timeout', () => req.destroy(new Error(`The response_url did not answer within ${TIMEOUT_MS} ms`)));
    req.once('error', reject);
    req.end(body);
  });
}
