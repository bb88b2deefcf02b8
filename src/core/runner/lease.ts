/**
 * Holding the lease of a run while running it: claimed before any case of
 * a new or resumed run starts, refreshed every {@link LEASE_HEARTBEAT_MS},
 * given up when the run finishes or is interrupted. A resume finds the
 * lease of a live other process and refuses; a stale lease (its process is
 * gone, on this host, or no heartbeat for {@link LEASE_STALE_MS}) is taken
 * over, so a run killed with `kill -9` can be resumed at once.
 *
 * @module
 */
import { openRunLeases, type RunLease, type RunLeases } from "../store/run_leases.ts";
import { RunnerError } from "./errors.ts";

/**
 * How often a running parent refreshes its lease (ms).
 *
 * @example
 * ```ts
 * import { LEASE_HEARTBEAT_MS } from "./lease.ts";
 * console.log(LEASE_HEARTBEAT_MS); // 5000
 * ```
 */
export const LEASE_HEARTBEAT_MS = 5_000;

/**
 * A lease whose heartbeat is older than this (ms) is stale, whatever its process.
 *
 * @example
 * ```ts
 * import { LEASE_STALE_MS } from "./lease.ts";
 * console.log(LEASE_STALE_MS / 1000); // 30
 * ```
 */
export const LEASE_STALE_MS = 30_000;

function hostname(): string {
  try {
    return Deno.hostname();
  } catch {
    return "unknown-host";
  }
}

/**
 * Whether process `pid` of this host is alive: true, false, or null when it
 * cannot be told here. A zombie (exited, not yet reaped) counts as gone.
 *
 * @example
 * ```ts
 * import { processAlive } from "./lease.ts";
 * console.log(processAlive(Deno.pid)); // true (on Linux and macOS)
 * ```
 */
export function processAlive(pid: number): boolean | null {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (Deno.build.os === "linux") {
    try {
      const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
      const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
      return state !== "Z" && state !== "X";
    } catch (e) {
      return e instanceof Deno.errors.NotFound ? false : null;
    }
  }
  if (Deno.build.os === "windows") return null;
  try {
    const out = new Deno.Command("kill", { args: ["-0", String(pid)], stderr: "null" })
      .outputSync();
    return out.success;
  } catch {
    return null;
  }
}

/**
 * Whether a held lease is stale and may be taken over: no heartbeat for
 * `staleMs`, or (on this host) its process is gone.
 *
 * @example
 * ```ts
 * import { leaseIsStale } from "./lease.ts";
 * const old = { runId: "r", pid: 1, host: "elsewhere", token: "t", heartbeatAt: 0 };
 * console.log(leaseIsStale(old, Date.now())); // true
 * ```
 */
export function leaseIsStale(
  held: RunLease,
  now: number,
  staleMs = LEASE_STALE_MS,
  host = hostname(),
): boolean {
  if (now - held.heartbeatAt > staleMs) return true;
  if (held.host !== host) return false;
  return processAlive(held.pid) === false;
}

/**
 * A claimed lease, refreshed in the background until {@link HeldLease.release}.
 *
 * @example
 * ```ts
 * import { HeldLease } from "./lease.ts";
 * const lease = HeldLease.claim(":memory:", "run-1");
 * lease.release();
 * ```
 */
export class HeldLease {
  readonly #leases: RunLeases;
  readonly #lease: RunLease;
  #timer: ReturnType<typeof setInterval> | undefined;

  private constructor(leases: RunLeases, lease: RunLease, heartbeatMs: number) {
    this.#leases = leases;
    this.#lease = lease;
    const timer = setInterval(() => {
      try {
        this.#leases.renew(lease.runId, lease.token, Date.now());
      } catch { /* store busy: the next beat tries again */ }
    }, heartbeatMs);
    Deno.unrefTimer(timer);
    this.#timer = timer;
  }

  /**
   * Claim run `runId` of the store at `storePath` for this process; throws a
   * RunnerError naming the holder when another live process holds it.
   */
  static claim(storePath: string, runId: string, heartbeatMs = LEASE_HEARTBEAT_MS): HeldLease {
    const leases = openRunLeases(storePath);
    const lease: RunLease = {
      runId,
      pid: Deno.pid,
      host: hostname(),
      token: crypto.randomUUID(),
      heartbeatAt: Date.now(),
    };
    let held: RunLease | null;
    try {
      held = leases.claim(lease, (h) => leaseIsStale(h, Date.now()));
    } catch (e) {
      leases.close();
      throw e;
    }
    if (held !== null) {
      leases.close();
      const ago = Math.max(0, Math.round((Date.now() - held.heartbeatAt) / 1000));
      const who = held.pid === Deno.pid && held.host === lease.host
        ? "this process"
        : `process ${held.pid} on ${held.host}`;
      throw new RunnerError(
        `run ${runId} is being run right now by ${who} (last heartbeat ${ago} s ago); ` +
          `resuming it here would compute its cases twice: wait for it to finish or stop it ` +
          `(the lease of a process that is gone is taken over; one with no heartbeat for ` +
          `${LEASE_STALE_MS / 1000} s too)`,
      );
    }
    return new HeldLease(leases, lease, heartbeatMs);
  }

  /** Stop the heartbeat and give the lease up. */
  release(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    try {
      this.#leases.release(this.#lease.runId, this.#lease.token);
    } catch { /* a stale lease is taken over anyway */ }
    this.#leases.close();
  }
}
