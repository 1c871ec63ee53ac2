/**
 * SQLite runs one checkpoint of a database at a time and refuses a second at once (SQLITE_BUSY).
 * The checkpointer's worker and the service's connection take turns through one shared word:
 * 0 free, 1 a checkpoint runs. Its own module: the worker loads it too.
 */
export type CheckpointTurn = Int32Array;
const FREE = 0;
const TAKEN = 1;

/** Takes the turn if it is free. */
export function takeTurn(turn: CheckpointTurn): boolean {
  return Atomics.compareExchange(turn, 0, FREE, TAKEN) === FREE;
}

/** Gives the turn back and wakes a thread waiting for it. */
export function giveTurn(turn: CheckpointTurn): void {
  Atomics.store(turn, 0, FREE);
  Atomics.notify(turn, 0);
}

/** Takes the turn, waiting while the other side checkpoints; false when it was not given back within `ms`. */
export function waitForTurn(turn: CheckpointTurn, ms: number): boolean {
  const deadline = performance.now() + ms;
  while (!takeTurn(turn)) {
    if (performance.now() >= deadline) return false;
    Atomics.wait(turn, 0, TAKEN, 50);
  }
  return true;
}
