/**
 * Run leases: which process is running a run right now, so that `run
 * --resume` in another process does not compute the same cases twice. A
 * lease is a row of table `run_leases` in the store file (owner pid, host, a
 * random token, heartbeat time), kept on a connection of its own so the
 * results store's code is untouched; a `:memory:` store keeps its leases in
 * this process. The policy (when a lease is stale) is the runner's
 * (`runner/lease.ts`); claiming is atomic.
 *
 * @module
 */
import { DatabaseSync } from "node:sqlite";

/** One run's lease. *
 * @example
 * ```ts
 * import type { RunLease } from "./run_leases.ts";
 * const l: RunLease = { runId: "r1", pid: Deno.pid, host: Deno.hostname(), token: "t", heartbeatAt: Date.now() };
 * ```
 */
export interface RunLease {
  runId: string;
  /** Process id of the runner's parent process. */
  pid: number;
  host: string;
  /** Random id of the holder (one per runSuite call). */
  token: string;
  /** Epoch milliseconds of the last heartbeat. */
  heartbeatAt: number;
}

/** Where leases are kept. *
 * @example
 * ```ts
 * import { openRunLeases } from "./run_leases.ts";
 * const leases = openRunLeases(":memory:");
 * leases.close();
 * ```
 */
export interface RunLeases {
  /**
   * Take the lease of `lease.runId` when none is held, the holder is
   * `lease.token` itself, or `canTakeOver(held)`; atomic. Returns null when
   * taken, else the lease that holds the run.
   */
  claim(lease: RunLease, canTakeOver: (held: RunLease) => boolean): RunLease | null;
  /** Refresh the heartbeat; false when `token` no longer holds the lease. */
  renew(runId: string, token: string, heartbeatAt: number): boolean;
  /** Give the lease up (nothing when `token` does not hold it). */
  release(runId: string, token: string): void;
  /** The lease of a run, or null. */
  get(runId: string): RunLease | null;
  close(): void;
}

const CREATE = `CREATE TABLE IF NOT EXISTS run_leases (
  run_id TEXT PRIMARY KEY,
  pid INTEGER NOT NULL,
  host TEXT NOT NULL,
  token TEXT NOT NULL,
  heartbeat_at INTEGER NOT NULL
)`;

class SqliteRunLeases implements RunLeases {
  readonly #db: DatabaseSync;

  constructor(path: string) {
    this.#db = new DatabaseSync(path);
    try {
      this.#db.exec("PRAGMA busy_timeout = 10000");
      this.#db.exec(CREATE);
    } catch (e) {
      this.#db.close();
      throw new Error(`store "${path}": run leases unavailable (${(e as Error).message})`);
    }
  }

  get(runId: string): RunLease | null {
    const row = this.#db.prepare(
      "SELECT run_id, pid, host, token, heartbeat_at FROM run_leases WHERE run_id = ?",
    ).get(runId);
    if (row === undefined) return null;
    return {
      runId: String(row.run_id),
      pid: Number(row.pid),
      host: String(row.host),
      token: String(row.token),
      heartbeatAt: Number(row.heartbeat_at),
    };
  }

  claim(lease: RunLease, canTakeOver: (held: RunLease) => boolean): RunLease | null {
    this.#db.exec("BEGIN IMMEDIATE");
    try {
      const held = this.get(lease.runId);
      if (held !== null && held.token !== lease.token && !canTakeOver(held)) {
        this.#db.exec("COMMIT");
        return held;
      }
      this.#db.prepare(
        "INSERT OR REPLACE INTO run_leases (run_id, pid, host, token, heartbeat_at) " +
          "VALUES (?, ?, ?, ?, ?)",
      ).run(lease.runId, lease.pid, lease.host, lease.token, lease.heartbeatAt);
      this.#db.exec("COMMIT");
      return null;
    } catch (e) {
      if (this.#db.isTransaction) this.#db.exec("ROLLBACK");
      throw e;
    }
  }

  renew(runId: string, token: string, heartbeatAt: number): boolean {
    const r = this.#db.prepare(
      "UPDATE run_leases SET heartbeat_at = ? WHERE run_id = ? AND token = ?",
    ).run(heartbeatAt, runId, token);
    return Number(r.changes) > 0;
  }

  release(runId: string, token: string): void {
    this.#db.prepare("DELETE FROM run_leases WHERE run_id = ? AND token = ?").run(runId, token);
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}

/** Leases of `:memory:` stores: no other process can see such a store. */
const memory = new Map<string, RunLease>();

const memoryLeases: RunLeases = {
  get: (runId) => memory.get(runId) ?? null,
  claim(lease, canTakeOver) {
    const held = memory.get(lease.runId);
    if (held !== undefined && held.token !== lease.token && !canTakeOver(held)) return held;
    memory.set(lease.runId, { ...lease });
    return null;
  },
  renew(runId, token, heartbeatAt) {
    const held = memory.get(runId);
    if (held === undefined || held.token !== token) return false;
    held.heartbeatAt = heartbeatAt;
    return true;
  },
  release(runId, token) {
    if (memory.get(runId)?.token === token) memory.delete(runId);
  },
  close() {},
};

/**
 * The leases of the store at `path` (table `run_leases` in the same SQLite
 * file, created when missing); `":memory:"` keeps them in this process.
 *
 * @example
 * ```ts
 * import { openRunLeases } from "./run_leases.ts";
 * const leases = openRunLeases(":memory:");
 * const lease = { runId: "r1", pid: Deno.pid, host: "h", token: "a", heartbeatAt: Date.now() };
 * console.log(leases.claim(lease, () => false)); // null: taken
 * leases.release("r1", "a");
 * leases.close();
 * ```
 */
export function openRunLeases(path: string): RunLeases {
  return path === ":memory:" ? memoryLeases : new SqliteRunLeases(path);
}
