import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, PREPARED } from "../../db/connection";
import { compiledOnce, getDb } from "~/db.server";
import { firstBallotSql } from "~/modules/voting/ballot.server";

// The hot statements run as named prepared statements (ADR 0046): parsed and planned once per
// connection. One connection here, so pg_prepared_statements shows what that connection holds.
const { db } = createDb(process.env.DATABASE_URL!, 1);
afterAll(() => db.destroy());

const held = async () =>
  (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements order by name`.execute(db)).rows;

describe("statements marked PREPARED", () => {
  it("are prepared once per connection under a name of their text, and answer with each run's values", async () => {
    const marked = (n: number) => sql<{ x: number }>`${sql.raw(PREPARED)} select ${n}::int * 2 as x`.execute(db);
    expect((await marked(1)).rows).toEqual([{ x: 2 }]);
    expect((await marked(21)).rows).toEqual([{ x: 42 }]);
    const [statement, ...others] = await held();
    expect(others).toEqual([]);
    expect(statement!.name).toMatch(/^lauwer_[0-9a-f]{24}$/);
    expect(statement!.statement).toContain("select $1::int * 2 as x");
  });

  it("leaves every other query unprepared", async () => {
    const before = await held();
    await sql`select ${3}::int as y`.execute(db);
    await db.selectFrom("round").select("id").where("id", "=", "00000000-0000-0000-0000-000000000000").execute();
    expect(await held()).toEqual(before);
  });
});

describe("the ballot statement", () => {
  it("has one text whatever the voter, the choices and the mail, so a connection prepares it once (twice with a session)", () => {
    const text = (n: number, choices: number, session: string | null) =>
      firstBallotSql({
        roundId: `00000000-0000-0000-0000-00000000000${n}`,
        categoryId: `00000000-0000-0000-0001-00000000000${n}`,
        voterId: `00000000-0000-0000-0002-00000000000${n}`,
        sessionId: session,
        sourceRoundId: n % 2 ? null : `00000000-0000-0000-0003-00000000000${n}`,
        choices: Array.from({ length: choices }, (_, i) => `00000000-0000-0000-0004-00000000000${i}`),
        receipt: `ABCD-EFGH-JK${n}M`,
        ip: n % 2 ? null : "192.0.2.1",
        device: n % 2 ? null : "d".repeat(64),
        mail: { to: `kiezer${n}@example.test`, locale: n % 2 ? "nl" : "en", subject: `Onderwerp ${n}`, body: `Tekst ${n}` },
      }).compile(db).sql;
    const texts = new Set([text(1, 1, null), text(2, 3, null), text(3, 5, null), text(4, 1, "sessie"), text(5, 2, "andere-sessie")]);
    expect(texts.size).toBeLessThanOrEqual(2);
    for (const t of texts) expect(t.startsWith(PREPARED)).toBe(true);
  });
});

describe("compiledOnce", () => {
  it("builds a statement once and binds each call's values to its slots", async () => {
    let builds = 0;
    const twice = compiledOnce<{ x: number; y: string }>((slot) => {
      builds++;
      return sql`select ${slot("n")}::int * 2 as x, ${slot("s")}::text || ${slot("s")}::text as y`;
    });
    expect((await getDb().executeQuery(twice({ n: 1, s: "a" }))).rows).toEqual([{ x: 2, y: "aa" }]);
    expect((await getDb().executeQuery(twice({ n: 21, s: "b" }))).rows).toEqual([{ x: 42, y: "bb" }]);
    expect(builds).toBe(1);
  });

  it("refuses a plain value, which would be bound once for ever, and a slot without a value", () => {
    expect(() => compiledOnce((slot) => sql`select ${slot("n")}::int, ${5}::int`)({ n: 1 })).toThrow(/not a slot: 5/);
    expect(() => compiledOnce((slot) => sql`select ${slot("n")}::int`)({})).toThrow(/no value for slot n/);
  });
});
