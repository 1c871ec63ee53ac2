import { truncateWal } from '../../db/checkpointer.ts';
import type { Db } from '../../db/client.ts';

/**
 * Makes deleted and redacted data unreadable in the files, not only in the tables. secure_delete
 * (set in db/client.ts) zeroes freed cells, but in WAL mode older versions of a page stay in the
 * -wal file until it is reset: a TRUNCATE checkpoint copies the clean pages home and empties it.
 * It never waits for readers: with one still on an older snapshot it does what it can and the next
 * call finishes the job. It does wait for the service's checkpointer to end a checkpoint it runs.
 */
export function forgetDeleted(db: Db): void {
  const client = db.$client;
  if (client.inTransaction || client.memory) return;
  const timeout = client.pragma('busy_timeout', { simple: true }) as number;
  client.pragma('busy_timeout = 0');
  try {
    truncateWal(db);
  } finally {
    client.pragma(`busy_timeout = ${timeout}`);
  }
}
