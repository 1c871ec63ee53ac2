import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type Db, type SavepointsLeftOut, withoutSavepoints } from '../../db/client.ts';

export interface GroupCommit {
  /**
   * Runs `work` in the next batch and settles once the batch is committed. `work` touches only the
   * database: it may be run a second time (see createGroupCommit).
   */
  run<T>(work: () => T): Promise<T>;
}

declare module 'fastify' {
  interface FastifyInstance {
    writes: GroupCommit;
  }
}

const MAX_BATCH = 256;

interface Job {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: boolean; value: unknown };

/** Thrown to roll a batch back: one of its jobs failed after writing, and had no savepoint. */
const brokenBatch = new Error('a job without a savepoint failed after writing');

/**
 * Group commit: the writes that arrive in the same turn of the event loop share one transaction.
 * On this machine a commit (BEGIN … COMMIT with its WAL frames) costs more than the inserts of a
 * typical write, so under load this multiplies write throughput. A failing job is undone alone and
 * only its caller sees the error; every caller is answered only after the commit, so nothing is
 * acknowledged that could still be lost. Jobs first run without savepoints (withoutSavepoints): a
 * job refused by a check before its first write leaves nothing to undo. Should one fail after
 * writing, the batch is rolled back and run again with a savepoint for each job, so `work` must
 * touch nothing but the database (it may run twice; only the second run's value is kept).
 */
export function createGroupCommit(db: Db): GroupCommit {
  const queue: Job[] = [];
  let scheduled = false;

  /** The jobs' outcomes, or null when a job without a savepoint failed after writing. */
  function commit(jobs: Job[], savepoints: boolean): Outcome[] | null {
    const outcomes: Outcome[] = [];
    const batch = (flat?: SavepointsLeftOut) =>
      db.transaction(() => {
        for (const job of jobs) {
          try {
            // nested: a savepoint, or (flat) none, with a failure after writing noted
            outcomes.push({ ok: true, value: db.transaction(job.work) });
          } catch (error) {
            outcomes.push({ ok: false, value: error });
          }
          if (flat?.broken) throw brokenBatch;
        }
      });
    try {
      if (savepoints) batch();
      else withoutSavepoints(db, batch);
      return outcomes;
    } catch (error) {
      if (error === brokenBatch) return null;
      throw error;
    }
  }

  function flush() {
    scheduled = false;
    const jobs = queue.splice(0, MAX_BATCH);
    if (queue.length > 0) schedule();
    let outcomes: Outcome[];
    try {
      outcomes = commit(jobs, false) ?? commit(jobs, true)!;
    } catch (error) {
      // the commit itself failed: nothing of the batch was saved
      for (const job of jobs) job.reject(error);
      return;
    }
    jobs.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.value);
    });
  }

  function schedule() {
    scheduled = true;
    setImmediate(flush);
  }

  return {
    run<T>(work: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        if (!scheduled) schedule();
      });
    },
  };
}

export default fp(
  async function groupCommit(app: FastifyInstance) {
    app.decorate('writes', createGroupCommit(app.db));
  },
  { name: 'group-commit', dependencies: ['database'] },
);
