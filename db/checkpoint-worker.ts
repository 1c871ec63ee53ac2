/**
 * The checkpointer's thread (see checkpointer.ts): its own connection to the database, copying the
 * committed pages from the WAL into the database file every `intervalMs`. PASSIVE: it copies what no
 * reader still needs and never waits for, or holds up, a writer or a reader.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { giveTurn, takeTurn, waitForTurn } from './checkpoint-turn.ts';
import type { CheckpointerData, CheckpointerMessage } from './checkpointer.ts';

const { path, intervalMs, turn } = workerData as CheckpointerData;
const port = parentPort!;
const tell = (message: CheckpointerMessage) => port.postMessage(message);

const failure = (error: unknown) => ({ error: (error as Error).message });

// opening reads the schema, as a reader the service's own checkpoint would find in its way: in a turn
waitForTurn(turn, Number.POSITIVE_INFINITY);
let db: Database.Database;
let checkpoint: Database.Statement<[], { busy: number; log: number; checkpointed: number }>;
try {
  db = new Database(path, { fileMustExist: true });
  checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
} catch (error) {
  giveTurn(turn);
  // told here: an error thrown out of a worker reaches the parent without its message
  tell(failure(error));
  process.exit(1);
}
giveTurn(turn);
let last = { log: 0, checkpointed: 0 };
/** The failure last told: a full disk fails every checkpoint, and is told once until one succeeds. */
let failing: string | null = null;
const timer = setInterval(() => {
  // the service's connection checkpoints itself right now (truncateWal): skipped this time
  if (!takeTurn(turn)) return;
  try {
    const { log, checkpointed } = checkpoint.get()!;
    failing = null;
    // the WAL as it stood (frames written, frames now in the database file), told when it moved
    if (checkpointed > 0 && (log !== last.log || checkpointed !== last.checkpointed))
      tell({ checkpointed, log });
    last = { log, checkpointed };
  } catch (error) {
    const told = failure(error);
    if (told.error !== failing) tell(told);
    failing = told.error;
  } finally {
    giveTurn(turn);
  }
}, intervalMs);

port.once('message', () => {
  clearInterval(timer);
  db.close();
  port.close();
});
