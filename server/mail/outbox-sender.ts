import type { Db } from '../../db/client.ts';
import { forgetDeleted } from '../privacy/forget.ts';
import { type DrainOptions, type DrainReport, drainOutbox, requeueInterrupted } from './sender.ts';
import type { MailTransport } from './transports.ts';

interface Log {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * The running sender: drains the outbox when kicked (right after mail is queued) and on an
 * interval (retries, reminders), one drain at a time.
 */
export class OutboxSender {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private kicked = false;
  private stopped = true;

  constructor(
    private readonly db: Db,
    readonly transport: MailTransport,
    private readonly options: DrainOptions & {
      intervalMs: number;
      /** Runs before each interval drain (e.g. queueing due reminders). */
      beforeTick?: () => void;
    },
    private readonly log: Log,
  ) {}

  /** Re-queues what a crash left in 'sending', then drains now and every intervalMs. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const requeued = requeueInterrupted(this.db, { all: true });
    if (requeued) this.log.info({ requeued }, 'outbox: messages interrupted by a stop are queued again');
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
    this.timer.unref();
    this.tick();
  }

  /**
   * Asks for a drain soon, after the current transaction has committed. Every message queued calls
   * it (deliverWhenQueued), so the kicks of one transaction make one drain.
   */
  kick(): void {
    if (this.stopped || this.kicked) return;
    this.kicked = true;
    setImmediate(() => {
      this.kicked = false;
      void this.drain();
    });
  }

  private tick(): void {
    try {
      this.options.beforeTick?.();
    } catch (err) {
      this.log.error({ err }, 'outbox: reminders could not be queued');
    }
    void this.drain();
  }

  /** One drain at a time; a kick during a drain runs another right after it. */
  drain(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let sent = 0;
      do {
        this.again = false;
        try {
          const report: DrainReport = await drainOutbox(this.db, this.transport, {
            ...this.options,
            shouldStop: () => this.stopped,
          });
          sent += report.sent;
          if (report.sent || report.failed || report.retrying)
            this.log.info({ outbox: report }, 'outbox drained');
        } catch (err) {
          this.log.error({ err }, 'outbox: drain failed');
        }
      } while (this.again && !this.stopped);
      // the answer links just blanked must not stay readable in the -wal file: once the kicks that
      // came during the drain are done too, not after each of them (a checkpoint writes the file)
      try {
        if (sent && this.options.redactAfterSending) forgetDeleted(this.db);
      } catch (err) {
        this.log.error({ err }, 'outbox: the -wal file could not be cleared');
      }
      this.running = null;
    })();
    return this.running;
  }

  /** Stops claiming, lets messages in flight finish, closes the transport. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    this.transport.close();
  }
}
