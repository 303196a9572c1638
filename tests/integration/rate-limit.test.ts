import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb, getPool } from "~/db.server";
import { hit, hitAll } from "~/modules/rate-limit/rate-limit.server";

// The vote's two counters in one statement (hitAll) against the real rate_limit table, beside
// rate-limiter-flexible's own counting (hit) on the same rows. The limits are the test defaults:
// VOTE_LIMIT_PER_ACCOUNT 20 and VOTE_LIMIT_PER_IP 600 a minute.

const row = (key: string) => getDb().selectFrom("rate_limit").selectAll().where("key", "=", key).executeTakeFirst();

describe("hitAll: several counters in one statement", () => {
  it("counts each event once on every counter, as hit does on the same rows", async () => {
    const account = randomUUID();
    const ip = `10.0.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}-${randomUUID()}`;
    for (let i = 0; i < 3; i++) {
      expect(
        await hitAll([
          ["voteAccount", account],
          ["voteIp", ip],
        ]),
      ).toBe(0);
    }
    expect(await hit("voteAccount", account)).toBe(0);
    expect((await row(`voteAccount:${account}`))?.points).toBe(4);
    expect((await row(`voteIp:${ip}`))?.points).toBe(3);
  });

  it("says how long to wait once any one counter is over its limit, and counts from zero after the window", async () => {
    const account = randomUUID();
    const ips = Array.from({ length: 21 }, () => randomUUID());
    const waits: number[] = [];
    // A different address each time: only the account's counter (20 a minute) can be over.
    for (const ip of ips)
      waits.push(
        await hitAll([
          ["voteAccount", account],
          ["voteIp", ip],
        ]),
      );
    expect(waits.slice(0, 20)).toEqual(Array(20).fill(0));
    expect(waits[20]).toBeGreaterThan(0);
    expect(waits[20]).toBeLessThanOrEqual(60);
    // The window has passed (its end moved into the past): counting starts again at 1.
    await getPool().query("update rate_limit set expire = $1 where key = $2", [Date.now() - 1000, `voteAccount:${account}`]);
    expect(
      await hitAll([
        ["voteAccount", account],
        ["voteIp", randomUUID()],
      ]),
    ).toBe(0);
    expect((await row(`voteAccount:${account}`))?.points).toBe(1);
  });

  it("loses no count when many events hit the same counter at once", async () => {
    const ip = randomUUID();
    await Promise.all(
      Array.from({ length: 40 }, () =>
        hitAll([
          ["voteAccount", randomUUID()],
          ["voteIp", ip],
        ]),
      ),
    );
    expect((await row(`voteIp:${ip}`))?.points).toBe(40);
  });
});
