import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';

/**
 * Multipart bodies (a meeting's materials) are read by the routes that take a file, each in a scope
 * of its own that calls this: @fastify/multipart adds two async hooks to every request of the scope
 * it is registered in (to delete files saved to disk, which the service never does), which cost
 * every request of the app ~1.3 µs when it was registered for all of them. One file per request,
 * no larger than MATERIALS_MAX_BYTES.
 */
export async function acceptFileUploads(scope: FastifyInstance): Promise<void> {
  // the stand-in of acceptMultipartUnread, which the scope inherits, gives way to the real parser
  scope.removeContentTypeParser('multipart/form-data');
  await scope.register(multipart, {
    limits: { fileSize: scope.config.MATERIALS_MAX_BYTES, files: 1, fields: 10, parts: 12 },
  });
}

/**
 * Everywhere else a multipart body is accepted unread, as @fastify/multipart's own parser accepts
 * it: the route then finds no body, and its validation says so (not a 415).
 */
export function acceptMultipartUnread(app: FastifyInstance): void {
  app.addContentTypeParser('multipart/form-data', (_request, _payload, done) => done(null));
}
