import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { answerLinkRedaction, platformAddress } from '../invitations/queue-mail.ts';
import { queueDueReminders } from '../invitations/reminders.ts';
import { deliverWhenQueued } from '../mail/outbox.ts';
import { OutboxSender } from '../mail/outbox-sender.ts';
import { transportFor } from '../mail/transports.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Delivers the outbox; it is woken by every message queued (deliverWhenQueued). */
    mailer: OutboxSender;
  }
}

/** The outbox sender: SMTP when SMTP_URL is set, else the embedded capture; started on ready, stopped on close. */
export default fp(
  async function mailer(app: FastifyInstance) {
    const { config } = app;
    const transport = transportFor(config);
    const sender = new OutboxSender(
      app.db,
      transport,
      {
        from: platformAddress(config),
        // only the hash of an answer link stays once the mail server has the message
        redactAfterSending: transport.kind === 'smtp' ? answerLinkRedaction : undefined,
        intervalMs: config.MAIL_SEND_INTERVAL_MS,
        maxAttempts: config.MAIL_MAX_ATTEMPTS,
        retryBaseMs: config.MAIL_RETRY_BASE_MS,
        beforeTick: () => queueDueReminders(app.db, config, new Date()),
      },
      app.log,
    );
    app.decorate('mailer', sender);
    const stopWaking = deliverWhenQueued(app.db, () => sender.kick());
    if (config.MAIL_SENDER === 'on') app.addHook('onReady', async () => sender.start());
    app.addHook('onClose', async () => {
      stopWaking();
      await sender.stop();
    });
  },
  { name: 'mailer', dependencies: ['database'] },
);
