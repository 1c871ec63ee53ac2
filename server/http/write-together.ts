import type { FastifyReply, onSendHookHandler } from 'fastify';

type SendDone = (error: Error | null, payload?: unknown) => void;

// triples of (reply, done, payload), not a closure per response
let waiting: unknown[] = [];

function writeAll() {
  const batch = waiting;
  waiting = [];
  for (let i = 0; i < batch.length; i += 3) {
    const reply = batch[i] as FastifyReply;
    try {
      (batch[i + 1] as SendDone)(null, batch[i + 2]);
    } catch (error) {
      // thrown here, outside the request's handler, a write that fails would stop the others and
      // the process: it is logged, and its connection closed so the client is not left waiting
      reply.log.error({ err: error }, 'the response could not be written');
      reply.raw.destroy();
    }
  }
}

/**
 * A route's onSend hook: its responses leave together, once per turn of the event loop. A
 * synchronous route (the answer page) otherwise writes each response as soon as it is made, between
 * the requests that arrived with it; a client on the same machine — the reverse proxy in front of
 * the service — is then woken once per response, and on loopback the kernel does that waking in the
 * sender's time (~3.5 µs a response on these machines). Now the requests that arrived together are
 * all handled first and their responses written back to back, waking the receiver once. A response
 * waits at most for the other requests of its turn; alone, it leaves in the same turn. Not for the
 * routes that answer after the group commit: their responses already leave together, and the extra
 * turn cost them ~3 µs each (measured).
 */
export const writeTogether: onSendHookHandler = (_request, reply, payload, done) => {
  if (waiting.length === 0) setImmediate(writeAll);
  waiting.push(reply, done, payload);
};
