import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { SMTPServer } from 'smtp-server';
import { receiveInboundEmail } from '../answers/itip-reply.ts';

const MESSAGE_LIMIT = 10 * 1024 * 1024;

declare module 'fastify' {
  interface FastifyInstance {
    /** The port the built-in SMTP receiver listens on; null when INBOUND_SMTP_PORT is unset. */
    inboundSmtpPort(): number | null;
  }
}

/**
 * The built-in SMTP receiver for calendar replies (INBOUND_SMTP_PORT): point the organizer
 * address's MX (or a relay) here. Plain SMTP without AUTH or TLS, meant behind the host's MTA or
 * on a private network; every message is read and its answers recorded before "250 OK".
 */
export default fp(
  async function inboundSmtp(app: FastifyInstance) {
    const port = app.config.INBOUND_SMTP_PORT;
    let server: SMTPServer | null = null;
    app.decorate('inboundSmtpPort', () =>
      server ? ((server.server.address() as AddressInfo | null)?.port ?? null) : null,
    );
    if (port === undefined) return;
    server = new SMTPServer({
      banner: 'Samråd kalendersvar',
      disabledCommands: ['AUTH', 'STARTTLS'],
      hideSTARTTLS: true,
      authOptional: true,
      size: MESSAGE_LIMIT,
      maxClients: 50,
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', callback);
        stream.on('end', () => {
          if (stream.sizeExceeded) {
            callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
            return;
          }
          receiveInboundEmail(app.db, app.config, Buffer.concat(chunks), 'smtp', app.writes.run).then(
            (replies) => {
              app.log.info({ smtp: session.id, replies: replies.length }, 'calendar reply received');
              callback();
            },
            (err: Error) => {
              app.log.error({ err, smtp: session.id }, 'calendar reply could not be stored');
              callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
            },
          );
        });
      },
    });
    const smtp = server;
    smtp.on('error', (err) => app.log.error({ err }, 'inbound SMTP error'));
    app.addHook('onReady', async () => {
      await new Promise<void>((resolve, reject) => {
        smtp.server.once('error', reject);
        smtp.listen(port, app.config.HOST, () => {
          smtp.server.off('error', reject);
          resolve();
        });
      });
      app.log.info({ port: app.inboundSmtpPort() }, 'inbound SMTP receiver listening');
    });
    app.addHook('onClose', async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    });
  },
  { name: 'inbound-smtp', dependencies: ['database', 'group-commit'] },
);
