/**
 * The service's writes leave the copying of WAL pages into the database file, and the fsyncs around
 * it, to a worker thread, instead of SQLite doing both in whichever commit crosses 1,000 pages of WAL:
 * that commit, and every request queued behind it on the event loop, waited for the disk (queueing
 * 10,000 invitations: 395 → 350 ms, measured). Durability is unchanged: commits are what they were.
 */
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { type CheckpointTurn, giveTurn, waitForTurn } from './checkpoint-turn.ts';
import type { Db } from './client.ts';

/** How the worker checkpoints. */
export interface CheckpointerOptions {
  /** How often the worker checkpoints; a busy writer makes about 4 MB of WAL in 100 ms. */
  intervalMs: number;
}

/** The turn of each connection that has a worker checkpointing beside it. */
const turns = new WeakMap<Database.Database, CheckpointTurn>();

/** Longest wait for the worker's checkpoint to end (one takes milliseconds; a worker gone mid-turn never ends it). */
const LONGEST_WAIT_MS = 2_000;

/**
 * A TRUNCATE checkpoint by the connection itself, to empty the WAL of deleted data, after the
 * worker's current checkpoint if one runs: it would otherwise be refused, and the WAL left as it was.
 */
export function truncateWal(db: Db): void {
  const sqlite = db.$client;
  const turn = turns.get(sqlite);
  const taken = turn !== undefined && waitForTurn(turn, LONGEST_WAIT_MS);
  try {
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    if (taken) giveTurn(turn);
  }
}

/** What the worker tells: how far the WAL is copied, or why a checkpoint failed. */
export type CheckpointerMessage = { checkpointed: number; log: number } | { error: string };

export interface Checkpointer {
  /** Stops the worker and closes its connection; the connection of `db` checkpoints itself again. */
  stop(): Promise<void>;
}

/**
 * WAL pages the service's own connection lets pile up before checkpointing itself, should the
 * worker fall behind or have stopped: the WAL stays bounded (40 MB) whatever happens to it.
 */
const SAFETY_NET_PAGES = 10_000;
/** SQLite's own default, put back when the worker is gone. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1_000;

// the worker is this module's sibling in the same form: TypeScript run by tsx (npm start) or
// JavaScript once compiled (npm test)
const extension = extname(import.meta.url);
const workerFile = fileURLToPath(new URL(`./checkpoint-worker${extension}`, import.meta.url));

/** What the worker is started with. */
export type CheckpointerData = CheckpointerOptions & { path: string; turn: CheckpointTurn };

function startWorker(workerData: CheckpointerData): Worker {
  if (extension !== '.ts') return new Worker(workerFile, { workerData });
  // tsx's loader does not reach worker threads on Node 20: its CommonJS API loads the TypeScript
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const [api, file] = [tsx, workerFile].map((p) => JSON.stringify(p));
  return new Worker(`require(${api}).require(${file}, ${file})`, { eval: true, workerData });
}

/**
 * Checkpoints the database at `path` (opened as `db`) from a worker thread. `report` hears of each
 * checkpoint that moved and of failures; when the worker ends unasked, `db` checkpoints itself again.
 */
export function checkpointInBackground(
  db: Db,
  path: string,
  options: CheckpointerOptions,
  report: (message: CheckpointerMessage) => void,
): Checkpointer {
  const sqlite = db.$client;
  sqlite.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
  const turn: CheckpointTurn = new Int32Array(new SharedArrayBuffer(4));
  turns.set(sqlite, turn);
  const worker = startWorker({ path, turn, ...options });
  // a process that ends without stopping it is not kept alive by it: SQLite resumes any checkpoint
  worker.unref();
  let stopping = false;
  worker.on('message', report);
  worker.on('error', (error) => report({ error: error.message || JSON.stringify(error) }));
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      turns.delete(sqlite);
      if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
      if (!stopping) report({ error: 'the checkpointer stopped; commits checkpoint again' });
      resolve();
    }),
  );
  return {
    async stop() {
      stopping = true;
      worker.ref(); // waited for now
      worker.postMessage('stop');
      await exited;
    },
  };
}
