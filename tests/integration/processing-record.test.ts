import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { requestPasswordReset } from "~/modules/accounts/account.server";
import { createEdition } from "~/modules/awards/procedure.server";
import { RETENTION } from "~/modules/privacy/processing";
import { deleteExpiredRateLimits } from "~/modules/rate-limit/rate-limit.server";
import { createUser } from "../setup/factories";

// What the database does holds to the record of processing's periods (ADR 0044): the statement quotes
// RETENTION, and these are the places that keep (or forget) data by it.

const HOUR = 3_600_000;

describe("the periods of the record of processing, as the database keeps them", () => {
  it("a new edition gets the default retention period, as does the column's default", async () => {
    const db = getDb();
    const slug = `prijs-${randomUUID().slice(0, 8)}`;
    const award = await db
      .insertInto("award")
      .values({ slug, name_nl: `Prijs ${slug}`, name_en: `Award ${slug}` })
      .returning("id")
      .executeTakeFirstOrThrow();
    const created = await createEdition(db, { actorId: null }, award.id, 2031);
    expect(created.ok).toBe(true);
    const edition = await db
      .selectFrom("edition")
      .select("retention_days")
      .where("award_id", "=", award.id)
      .where("year", "=", 2031)
      .executeTakeFirstOrThrow();
    expect(edition.retention_days).toBe(RETENTION.editionDefaultDays);
    // Editions inserted without a period (seeds, tests, a future path) get the column default: the same.
    const column = await sql<{ column_default: string }>`
      select column_default from information_schema.columns where table_name = 'edition' and column_name = 'retention_days'`.execute(db);
    expect(Number(column.rows[0]?.column_default)).toBe(RETENTION.editionDefaultDays);
  });

  it("a password reset link lives as long as the statement says", async () => {
    const user = await createUser();
    const outcome = await requestPasswordReset(getDb(), { email: user.email }, `10.44.${Math.floor(Math.random() * 250)}.1`);
    expect(outcome.ok).toBe(true);
    const token = await getDb()
      .selectFrom("password_reset_token")
      .select(["created_at", "expires_at"])
      .where("user_id", "=", user.id)
      .executeTakeFirstOrThrow();
    const hours = (new Date(token.expires_at).getTime() - new Date(token.created_at).getTime()) / HOUR;
    expect(Math.round(hours * 60) / 60).toBe(RETENTION.resetLinkHours);
  });

  it("the cleanup forgets a known place just after the period, not before; login counts likewise", async () => {
    const db = getDb();
    const user = await createUser();
    const days = RETENTION.knownPlaceDays;
    const account = `${randomUUID()}@lauwer.test`;
    await db
      .insertInto("login_known_ip")
      .values([
        { user_id: user.id, ip: "10.90.0.1", last_success_at: sql<Date>`now() - make_interval(days => ${days}) + interval '1 hour'` },
        { user_id: user.id, ip: "10.90.0.2", last_success_at: sql<Date>`now() - make_interval(days => ${days}) - interval '1 hour'` },
      ])
      .execute();
    const attemptDays = RETENTION.loginAttemptDays;
    await db
      .insertInto("login_throttle")
      .values([
        {
          account,
          ip: "10.91.0.1",
          attempts: 3,
          next_allowed_at: sql<Date>`now() - interval '2 days'`,
          updated_at: sql<Date>`now() - make_interval(days => ${attemptDays}) + interval '1 hour'`,
        },
        {
          account,
          ip: "10.91.0.2",
          attempts: 3,
          next_allowed_at: sql<Date>`now() - interval '2 days'`,
          updated_at: sql<Date>`now() - make_interval(days => ${attemptDays}) - interval '1 hour'`,
        },
      ])
      .execute();

    await deleteExpiredRateLimits();

    const places = await db.selectFrom("login_known_ip").select("ip").where("user_id", "=", user.id).execute();
    expect(places.map((p) => p.ip)).toEqual(["10.90.0.1"]);
    const counts = await db.selectFrom("login_throttle").select("ip").where("account", "=", account).execute();
    expect(counts.map((c) => c.ip)).toEqual(["10.91.0.1"]);
  });
});
