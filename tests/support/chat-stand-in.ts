/**
 * A chat platform as the several-host trial needs it, on 127.0.0.1: `POST /post` records a
 * message (channel, marker, who posted it) and gives its id; `POST /find` gives the id of the
 * message in a channel that carries a marker, if any, however long ago it was posted.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatPost {
  messageId: string;
  owner: string;
  channel: string;
  marker: string;
}

export interface ChatStandIn {
  url: string;
  posts: ChatPost[];
  close(): Promise<void>;
}

/**
 * `answerDelayMs` holds each answer to a post back after the message is recorded: a sender
 * killed meanwhile leaves a message it never heard of, which the survivor must find by marker.
 */
export async function startChatStandIn(answerDelayMs: () => number = () => 0): Promise<ChatStandIn> {
  const posts: ChatPost[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      const given = JSON.parse(body || '{}') as Partial<ChatPost>;
      let answer: { messageId?: string } = {};
      if (req.url === '/post') {
        const post = {
          messageId: `m${posts.length + 1}`,
          owner: String(given.owner),
          channel: String(given.channel),
          marker: String(given.marker),
        };
        posts.push(post);
        answer = { messageId: post.messageId };
      } else if (req.url === '/find') {
        const found = posts.find((p) => p.channel === given.channel && p.marker === given.marker);
        if (found) answer = { messageId: found.messageId };
      } else {
        res.writeHead(404).end();
        return;
      }
      const delay = req.url === '/post' ? answerDelayMs() : 0;
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer)), delay);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    posts,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
