import type { AddressInfo } from "node:net";
import { sql } from "kysely";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { runNotices } from "~/modules/notices/notices.server";
import { startAppProcess, type AppProcess } from "../setup/app-process";
import { createEdition, createUser } from "../setup/factories";
import { addJuror, createJuryRound } from "../setup/jury";

// Many processes, one truth (#17, ADR 0034): three app processes run their jobs on one database,
// ticking every second, and each piece of once-only work happens once — a closed round advances once,
// a lifecycle notice is derived once and its mail reaches the SMTP server once.
//
// The SMTP server is outside our system, so a local smtp-server stands in for it: real SMTP on
// loopback, recording every message it is given.

const received: string[] = [];
let smtp: SMTPServer;
let apps: AppProcess[] = [];

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      stream.resume();
      stream.on("end", () => {
        received.push(...session.envelope.rcptTo.map((r) => r.address));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  // What earlier test files left in this database is history to the notices, not news (ADR 0013).
  await runNotices(getDb(), { origin: "http://localhost:3000" });
  const env = {
    DATABASE_URL: process.env.DATABASE_URL,
    JOB_TICK_SECONDS: "1",
    SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
  };
  apps = await Promise.all([startAppProcess({ env }), startAppProcess({ env }), startAppProcess({ env })]);
}, 600_000);

afterAll(async () => {
  for (const app of apps) app.child.kill("SIGTERM");
  await Promise.all(apps.map((a) => a.exited));
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function until(what: string, check: () => boolean | Promise<boolean>) {
  // A hang guard, not a budget: a busy machine may take many times as long.
  for (let i = 0; i < 3000; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`never happened: ${what}`);
}

/** An approved nominee nominated by a new member: the member's "admitted" notice is due. */
async function admittedNomination() {
  const db = getDb();
  const e = await createEdition();
  const nominator = await createUser({ name: "Nomi Nator" });
  const nominee = await db
    .insertInto("nominee")
    .values({
      edition_id: e.editionId,
      category_id: e.categoryIds[0]!,
      kind: "person",
      name: "Kandidaat Eenmaal",
      organisation: "Gemeente Test",
      status: "approved",
      consent_status: "accepted",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("nomination")
    .values({
      edition_id: e.editionId,
      nominee_id: nominee.id,
      submitted_for_nominee_id: nominee.id,
      nominator_id: nominator.id,
      motivation: "Een motivatie die lang genoeg is om als nominatie te tellen in deze test.",
    })
    .execute();
  return nominator.email;
}

/** A jury round with a top 2 that closes in a moment, scored so its shortlist is clear. */
async function juryRoundClosingSoon() {
  const f = await createJuryRound({ categories: 1, candidatesPerCategory: 3, open: false, advanceK: 2 });
  // Two jurors: a candidate scored by fewer is left out of the jury's ranking.
  const jurors = [(await addJuror(f)).user.id, (await addJuror(f)).user.id];
  await getDb()
    .updateTable("round")
    .set({ opens_at: sql<Date>`now() - interval '1 second'`, closes_at: sql<Date>`now() + interval '3 seconds'` })
    .where("id", "=", f.juryRoundId)
    .execute();
  const [impact, together] = f.criteria;
  await getDb()
    .insertInto("jury_score")
    .values(
      jurors.flatMap((juror) =>
        f.candidates[f.categoryIds[0]!]!.flatMap((nominee, i) => [
          { round_id: f.juryRoundId, juror_id: juror, nominee_id: nominee, criterion_id: impact!.id, score: 9 - i, comment: "" },
          { round_id: f.juryRoundId, juror_id: juror, nominee_id: nominee, criterion_id: together!.id, score: 5 - i, comment: "" },
        ]),
      ),
    )
    .execute();
  return f.juryRoundId;
}

const mailsTo = (email: string) => received.filter((to) => to === email).length;

describe("three app processes on one database", () => {
  it("advance a closed round once and mail a notice once, each process ticking every second", async () => {
    const first = await admittedNomination();
    const roundId = await juryRoundClosingSoon();
    await until("the first notice delivered", () => mailsTo(first) > 0);
    await until("the round advanced", async () => {
      const r = await getDb().selectFrom("round").select("advanced_at").where("id", "=", roundId).executeTakeFirstOrThrow();
      return r.advanced_at !== null;
    });
    // Later work done by the same ticking processes shows they kept ticking over the earlier work:
    // every process had its chances to do it again.
    const second = await admittedNomination();
    await until("the second notice delivered", () => mailsTo(second) > 0);
    for (const app of apps) expect(app.child.exitCode).toBeNull();

    expect(mailsTo(first)).toBe(1);
    expect(mailsTo(second)).toBe(1);
    const notices = await getDb().selectFrom("notice").select(["recipient", "status"]).where("recipient", "in", [first, second]).execute();
    expect(notices.map((n) => n.status).sort()).toEqual(["sent", "sent"]);
    const outbox = await getDb()
      .selectFrom("outbox_email")
      .select(["to_address", "status"])
      .where("to_address", "in", [first, second])
      .execute();
    expect(outbox.map((m) => m.status).sort()).toEqual(["sent", "sent"]);
    const advanced = await getDb()
      .selectFrom("round_advancement")
      .select("place")
      .where("round_id", "=", roundId)
      .orderBy("place")
      .execute();
    expect(advanced.map((a) => a.place)).toEqual([1, 2]);
    const audit = await getDb()
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", roundId)
      .where("action", "=", "round.advance")
      .execute();
    expect(audit).toHaveLength(1);
  });
});
