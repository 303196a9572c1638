import { randomBytes, timingSafeEqual } from "node:crypto";
import type { User } from "lucia";
import { hasRole } from "~/auth/guards.server";
import type { DbOrTrx } from "~/db.server";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import { roundState, type VotingRound } from "./round.server";

// Who may hold a projector stream, and how many (ADR 0021).
//
// - Anyone may follow a round once its vote has opened: the stream carries only what the public page
//   shows (the state, and totals once revealed or published). Before that there is nothing to follow,
//   so a stranger is refused (403) and no socket is held; the screen page checks again by itself.
// - The organizer's screen — an organizer of the award, signed in, or a computer with the round's
//   screen key from the control room — may follow the round at any time, from places of its own that
//   strangers cannot take.
// - A stranger's address holds a few streams at once; all strangers together a bounded number.

/** A projector stream's place: "reserved" for the organizer's screen, "public" for anyone. */
export type StreamPool = "reserved" | "public";

const KEY = /^[A-Za-z0-9_-]{32,64}$/;

/** The key of the round's screen link, made on first use (idempotent). */
export async function screenKey(db: DbOrTrx, roundId: string): Promise<string> {
  await db
    .insertInto("round_screen")
    .values({ round_id: roundId, key: randomBytes(24).toString("base64url") })
    .onConflict((oc) => oc.column("round_id").doNothing())
    .execute();
  const row = await db.selectFrom("round_screen").select("key").where("round_id", "=", roundId).executeTakeFirstOrThrow();
  return row.key;
}

async function keyFits(db: DbOrTrx, roundId: string, given: string | null): Promise<boolean> {
  if (!given || !KEY.test(given)) return false;
  const row = await db.selectFrom("round_screen").select("key").where("round_id", "=", roundId).executeTakeFirst();
  if (!row) return false;
  const a = Buffer.from(row.key);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Which places the stream of `round` may use for this viewer: the reserved ones for the organizer's
 * screen (an organizer of the award, or the round's screen key), the public ones once the vote has
 * opened; otherwise refused.
 */
export async function streamAccess(
  db: DbOrTrx,
  input: { round: VotingRound; awardId: string; user: User | null; key: string | null },
): Promise<Outcome<StreamPool>> {
  if (await keyFits(db, input.round.id, input.key)) return ok("reserved");
  if (input.user && (await hasRole(db, input.user.id, { role: "organizer", awardId: input.awardId }))) return ok("reserved");
  if (roundState(input.round) !== "upcoming") return ok("public");
  return refuse(403, "stream.errors.notOpen");
}

/**
 * Open streams of this process. Counted in memory, per process, on purpose: what a stream holds — a
 * socket, a file descriptor, a timer — belongs to the process that serves it, so a per-process count
 * bounds exactly what can be exhausted. With several processes behind a load balancer one address may
 * hold up to (processes × STREAM_PER_CLIENT) streams in all, still bounded; sharing the count through
 * PostgreSQL would cost a write per connect and a stale row for every process that dies.
 */
const open = { reserved: 0, public: 0 };
const perClient = new Map<string, number>();

export interface StreamLimits {
  anonymousMax: number;
  perClient: number;
  reservedMax: number;
}

/**
 * Takes a place for a stream from its pool, or refuses (503 when the pool is full, 429 when this
 * client address already holds its share of the public pool). The returned function gives the place
 * back; calling it more than once does nothing.
 */
export function takeStreamPlace(pool: StreamPool, clientAddress: string, limits: StreamLimits): Outcome<() => void> {
  if (pool === "reserved") {
    if (open.reserved >= limits.reservedMax) return refuse(503, "stream.errors.busy", { retryAfter: 10 });
    open.reserved++;
    return ok(once(() => open.reserved--));
  }
  if (open.public >= limits.anonymousMax) return refuse(503, "stream.errors.busy", { retryAfter: 10 });
  const mine = perClient.get(clientAddress) ?? 0;
  if (mine >= limits.perClient) return refuse(429, "stream.errors.perClient", { retryAfter: 30 });
  open.public++;
  perClient.set(clientAddress, mine + 1);
  return ok(
    once(() => {
      open.public--;
      const left = (perClient.get(clientAddress) ?? 1) - 1;
      if (left > 0) perClient.set(clientAddress, left);
      else perClient.delete(clientAddress);
    }),
  );
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}
