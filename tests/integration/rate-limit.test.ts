import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sql, type RawBuilder } from "kysely";
import { compiledOnce, getDb, getPool } from "~/db.server";
import { countedWait, countingSql, hit, hitAll } from "~/modules/rate-limit/rate-limit.server";
import { createUser } from "../setup/factories";

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

describe("countingSql: a row read and counted in one statement", () => {
  // A statement of the shape the vote's (castBySession) is: a row read, counted per account (a column
  // of the row) and per address, the counts and whether any went over its limit answered with it.
  type Read = { user_id: string; email: string; hits: Array<[string, number, number]>; over: boolean };
  const statement = compiledOnce<Read>((slot) => {
    const counting = countingSql(
      [
        ["voteAccount", sql<string>`r.user_id::text`],
        ["voteIp", slot("ip") as RawBuilder<string>],
      ],
      "r",
      slot("now"),
    );
    return sql`with r as (select id as user_id, email from app_user where id = ${slot("user")}::uuid), ${counting.ctes}
      select r.*, ${counting.hits} as hits, ${counting.over} as over from r`;
  });
  const read = async (user: string, ip: string) => {
    const now = Date.now();
    const found = (await getDb().executeQuery(statement({ user, ip, now }))).rows[0];
    if (!found) return { row: undefined, wait: 0, over: false };
    const { hits, over, ...row } = found;
    return {
      row,
      wait: countedWait(
        [
          ["voteAccount", row.user_id],
          ["voteIp", ip],
        ],
        hits,
        now,
      ),
      over,
    };
  };

  it("counts on the rows hitAll counts on, a key taken from the row read, and returns the row", async () => {
    const u = await createUser();
    const ip = randomUUID();
    for (let i = 0; i < 3; i++) expect(await read(u.id, ip)).toEqual({ row: { user_id: u.id, email: u.email }, wait: 0, over: false });
    expect(
      await hitAll([
        ["voteAccount", u.id],
        ["voteIp", ip],
      ]),
    ).toBe(0);
    expect((await row(`voteAccount:${u.id}`))?.points).toBe(4);
    expect((await row(`voteIp:${ip}`))?.points).toBe(4);
  });

  it("counts nothing when it reads no row", async () => {
    const nobody = randomUUID();
    const ip = randomUUID();
    expect(await read(nobody, ip)).toEqual({ row: undefined, wait: 0, over: false });
    expect(await row(`voteAccount:${nobody}`)).toBeUndefined();
    expect(await row(`voteIp:${ip}`)).toBeUndefined();
  });

  it("says over, and how long to wait, once a counter is over its limit, counted with hitAll's counts", async () => {
    const u = await createUser();
    for (let i = 0; i < 19; i++)
      expect(
        await hitAll([
          ["voteAccount", u.id],
          ["voteIp", randomUUID()],
        ]),
      ).toBe(0);
    // The twentieth is the last within the limit; the twenty-first is over it, in SQL as in hitAll.
    expect(await read(u.id, randomUUID())).toMatchObject({ wait: 0, over: false });
    const { wait, over } = await read(u.id, randomUUID());
    expect(over).toBe(true);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    // The same window's end, seen a few milliseconds later: the same wait, or a second less.
    const later = await hitAll([
      ["voteAccount", u.id],
      ["voteIp", randomUUID()],
    ]);
    expect(later).toBeGreaterThanOrEqual(wait - 1);
    expect(later).toBeLessThanOrEqual(wait);
  });

  it("starts a lapsed window again, as hitAll does", async () => {
    const u = await createUser();
    const ip = randomUUID();
    await getDb()
      .insertInto("rate_limit")
      .values({ key: `voteAccount:${u.id}`, points: 500, expire: String(Date.now() - 1) })
      .execute();
    expect(await read(u.id, ip)).toMatchObject({ wait: 0, over: false });
    expect((await row(`voteAccount:${u.id}`))?.points).toBe(1);
  });

  it("loses no count when many reads hit the same counter at once", async () => {
    const users = await Promise.all(Array.from({ length: 20 }, () => createUser()));
    const ip = randomUUID();
    await Promise.all(users.map((u) => read(u.id, ip)));
    expect((await row(`voteIp:${ip}`))?.points).toBe(20);
  });
});
