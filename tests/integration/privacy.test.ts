import { createHash, randomUUID } from "node:crypto";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "~/db.server";
import { hashToken } from "~/modules/accounts/account.server";
import { writeAudit } from "~/modules/audit/audit.server";
import { decideConsent, submitReference } from "~/modules/awards/consent.server";
import { approveNominee, editNominee, mergeNominees, rejectNominee } from "~/modules/awards/moderation.server";
import { PersonNominationSchema } from "~/modules/awards/nomination.schema";
import { nominatePerson, saveDraft } from "~/modules/awards/nomination.server";
import { ERASED_NAME } from "~/modules/privacy/erasure.server";
import { anonymiseEdition, dueEditions, runRetention } from "~/modules/privacy/retention.server";
import { canonicalJson } from "~/modules/results/canonical";
import { castBallot } from "~/modules/voting/ballot.server";
import { candidateSource, loadVotingRound, tally } from "~/modules/voting/round.server";
import { createUser, linkFrom, personInput, uniqueEmail } from "../setup/factories";
import { startTestServer, type TestServer } from "../setup/http";
import { addJuror, createJuryRound, type JuryFixture } from "../setup/jury";
import { createVoteRound, rowCounts, sessionFor } from "../setup/voting";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

const sha = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const word = () =>
  randomUUID()
    .replace(/[^a-f]/g, "")
    .slice(0, 6)
    .replace(/^./, (c) => c.toUpperCase());

/**
 * Every text, varchar, json(b), array and other non-numeric column of every table, searched for each
 * needle (case-insensitive substring). Returns "table.column: needle" for each hit.
 */
async function findEverywhere(needles: string[]): Promise<string[]> {
  const db = getDb();
  const columns = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED', 'inet')
    order by 1, 2`.execute(db);
  expect(columns.rows.length).toBeGreaterThan(50);
  const hits: string[] = [];
  for (const { table_name, column_name } of columns.rows) {
    for (const needle of needles) {
      const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table_name)}
        where ${sql.ref(column_name)}::text ilike ${pattern}`.execute(db);
      if (r.rows[0]!.n > 0) hits.push(`${table_name}.${column_name}: ${needle}`);
    }
  }
  return hits;
}

async function vote(roundEditionId: string, categoryId: string, nominee: string, ip: string | null = null, device: string | null = null) {
  const u = await createUser();
  const round = await loadVotingRound(getDb(), roundEditionId, "1");
  const r = await castBallot(getDb(), {
    round,
    sourceRoundId: await candidateSource(getDb(), round),
    categoryId,
    voter: { id: u.id, email: u.email, name: u.name, locale: "nl", emailVerified: true },
    choices: [nominee],
    ip,
    device,
    mail: { award: "x", category: "y", link: "z" },
  });
  expect(r.ok).toBe(true);
  return u;
}

async function tallyOf(editionId: string) {
  const round = await loadVotingRound(getDb(), editionId, "1");
  const { perCategory } = await tally(getDb(), round);
  return Object.fromEntries([...perCategory.values()].flat().map((r) => [r.nomineeId, r.votes]));
}

const mailsTo = (email: string) =>
  getDb().selectFrom("outbox_email").select(["id", "body_text"]).where("to_address", "=", email).orderBy("id").execute();

/**
 * A person as the app stores them through its real flows: nominated twice (a typo, then again by
 * another member) and merged, renamed by the organizer, with a reference statement, consent, a
 * rejection and re-approval (mails to nominators), ballots, a jury score comment and a conflict
 * naming them, a draft mentioning them and a published snapshot listing them.
 */
async function personWithHistory() {
  const f = await createJuryRound({ categories: 1, candidatesPerCategory: 2, vote: { opensIn: -60, closesIn: 3600 } });
  const db = getDb();
  const category = f.categoryIds[0]!;
  await db
    .updateTable("edition")
    .set({ nomination_opens_at: sql<Date>`now() - interval '1 hour'`, nomination_closes_at: sql<Date>`now() + interval '1 hour'` })
    .where("id", "=", f.editionId)
    .execute();
  const first = `Marieke${word()}`;
  const last = `Zwaluw${word()}`;
  const name = `${first} ${last}`;
  const typo = `${first.slice(0, -1)} ${last}`;
  const email = uniqueEmail(`p${word().toLowerCase()}`);
  const refName = `Ruud Referent${word()}`;
  const refEmail = uniqueEmail("referent");
  const organizerActor = { actorId: f.organizer.user.id };
  const [m1, m2, m3] = [await createUser(), await createUser(), await createUser()];
  const asNominator = (u: { id: string; name: string }) => ({ id: u.id, name: u.name, emailVerified: true });
  const mainMade = await nominatePerson(
    getDb(),
    asNominator(m1),
    f.editionId,
    PersonNominationSchema.parse(
      personInput(category, {
        name: typo,
        email,
        motivation: `${typo} heeft het loket van de gemeente vernieuwd, samen met inwoners en collega's.`,
        videoUrl: "https://www.youtube.com/watch?v=marieke01",
        ref1Name: refName,
        ref1Email: refEmail,
        ref1Relation: "leidinggevende",
      }),
    ),
    "nl",
  );
  const dupMade = await nominatePerson(
    getDb(),
    asNominator(m2),
    f.editionId,
    PersonNominationSchema.parse(
      personInput(category, {
        name: name.toLowerCase(),
        email,
        motivation: `Ik draag ${name} voor omdat zij het loket van de gemeente heeft vernieuwd.`,
      }),
    ),
    "nl",
  );
  if (!mainMade.ok || !dupMade.ok) throw new Error("nomination failed");
  const [main, dup] = [mainMade.value, dupMade.value];
  expect((await mergeNominees(db, organizerActor, f.editionId, main.nomineeId, dup.nomineeId)).ok).toBe(true);
  expect((await editNominee(db, organizerActor, f.editionId, main.nomineeId, { name, organisation: "Gemeente Teststad" })).ok).toBe(true);
  const consentMail = (await mailsTo(email))[0]!;
  expect(await decideConsent(db, linkFrom(consentMail.body_text).searchParams.get("token")!, "accept")).toEqual({
    ok: true,
    value: { decision: "accept" },
  });
  const refMail = (await mailsTo(refEmail))[0]!;
  expect(
    await submitReference(db, linkFrom(refMail.body_text).searchParams.get("token")!, `${name} is de beste collega die ik ken.`),
  ).toEqual({
    ok: true,
  });
  expect((await rejectNominee(db, organizerActor, f.editionId, main.nomineeId, `Eerst controleren of ${name} in dienst is.`)).ok).toBe(
    true,
  );
  expect((await approveNominee(db, organizerActor, f.editionId, main.nomineeId)).ok).toBe(true);
  await saveDraft(db, m3.id, f.editionId, { name, email, motivation: `${name} verdient dit` });

  const [other] = f.candidates[category]!;
  for (let i = 0; i < 3; i++) await vote(f.editionId, category, main.nomineeId);
  await vote(f.editionId, category, other!);

  const [j1, j2] = [await addJuror(f), await addJuror(f)];
  await db
    .insertInto("jury_score")
    .values({
      round_id: f.juryRoundId,
      juror_id: j1.user.id,
      nominee_id: main.nomineeId,
      criterion_id: f.criteria[0]!.id,
      score: 2,
      comment: `${name} overtuigde ons niet`,
    })
    .execute();
  await db
    .insertInto("jury_conflict")
    .values({ round_id: f.juryRoundId, juror_id: j2.user.id, nominee_id: main.nomineeId, reason: `Ik ken ${name} persoonlijk` })
    .execute();
  await writeAudit(
    db,
    { actorId: j2.user.id },
    { action: "jury.conflict", entityType: "nominee", entityId: main.nomineeId, after: { round: f.juryRoundId, reason: `Ik ken ${name}` } },
  );

  const snapshot = {
    format: "lauwer-results/1",
    award: { slug: f.slug, nl: "Prijs", en: "Award" },
    year: 2026,
    categories: [{ slug: "cat-0", nl: "Categorie 0", en: "Category 0" }],
    prizes: [
      {
        kind: "public",
        name: { nl: "Publieksprijs", en: "Public prize" },
        places: 1,
        rules: { public: null, jury: null, weights: null, ties: "include_all" },
        rankings: [
          {
            category: "cat-0",
            ranking: [
              { nominee: main.nomineeId, name, organisation: "Gemeente Teststad", category: "cat-0", place: 1, tied: false, votes: 3 },
              { nominee: other!, name: "Kandidaat A0", organisation: "Gemeente Test", category: "cat-0", place: 2, tied: false, votes: 1 },
            ],
          },
        ],
      },
    ],
  };
  // A jury report naming them (the organizer's free text about a prize).
  await db
    .insertInto("prize")
    .values({
      edition_id: f.editionId,
      position: 1,
      kind: "jury",
      name_nl: "Juryprijs",
      name_en: "Jury prize",
      jury_round_id: f.juryRoundId,
      motivation_nl: `De jury koos ${name} om het nieuwe loket.`,
      motivation_en: `The jury chose ${name} for the new front desk.`,
    })
    .execute();
  const body = canonicalJson(snapshot);
  await db
    .insertInto("result_snapshot")
    .values({ edition_id: f.editionId, version: 1, body, sha256: sha(body) })
    .execute();
  return { f, name, typo, email, refName, refEmail, nomineeId: main.nomineeId, dupId: dup.nomineeId, other: other!, jurors: [j1, j2] };
}

const erasePath = (f: JuryFixture, nomineeId: string) => `/beheer/prijzen/${f.slug}/2026/moderatie/${nomineeId}/wissen`;

describe("erasing a nominated person on request", () => {
  it("leaves no trace of their name or e-mail anywhere in the database, and tallies unchanged", async () => {
    const p = await personWithHistory();
    const needles = [p.name, p.typo, p.email, p.refName, p.refEmail];
    // The fixture really spread the person around (the search below is not vacuous).
    const before = await findEverywhere(needles);
    for (const place of [
      "nominee.name",
      "nominee.contact_email",
      "nomination.motivation",
      "nomination_reference.statement",
      "nomination_draft.data",
      "outbox_email.body_text",
      "outbox_email.to_address",
      "audit_log.before",
      "audit_log.after",
      "jury_score.comment",
      "jury_conflict.reason",
      "prize.motivation_nl",
      "prize.motivation_en",
      "result_snapshot.body",
    ]) {
      expect(
        before.some((h) => h.startsWith(`${place}:`)),
        place,
      ).toBe(true);
    }
    const counts = await rowCounts(p.f.roundId);
    const tallied = await tallyOf(p.f.editionId);
    expect(tallied[p.nomineeId]).toBe(3);
    const scores = await getDb().selectFrom("jury_score").select(["nominee_id", "score"]).where("round_id", "=", p.f.juryRoundId).execute();

    const page = await app.request(erasePath(p.f, p.nomineeId), { headers: { cookie: p.f.organizer.cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Definitief wissen");
    const res = await app.request(erasePath(p.f, p.nomineeId), {
      form: { reason: "own_request", confirm: "true" },
      headers: { cookie: p.f.organizer.cookie },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toContain("melding=erasure.notice.erased");

    expect(await findEverywhere(needles)).toEqual([]);
    expect(await rowCounts(p.f.roundId)).toEqual(counts);
    expect(await tallyOf(p.f.editionId)).toEqual(tallied);
    expect(
      await getDb().selectFrom("jury_score").select(["nominee_id", "score"]).where("round_id", "=", p.f.juryRoundId).execute(),
    ).toEqual(scores);

    const rows = await getDb()
      .selectFrom("nominee")
      .select(["id", "name", "organisation", "contact_email", "erased_at", "status", "consent_status"])
      .where("id", "in", [p.nomineeId, p.dupId])
      .orderBy("id")
      .execute();
    for (const r of rows)
      expect(r).toMatchObject({ name: ERASED_NAME, organisation: "", contact_email: null, erased_at: expect.any(Date) });
    // Still a candidate with the same id: ballots and results keep counting for it.
    expect(rows.find((r) => r.id === p.nomineeId)).toMatchObject({ status: "approved", consent_status: "accepted" });

    // The snapshot was rewritten with a matching hash (the check constraint holds; the old hash is gone).
    const snap = await getDb()
      .selectFrom("result_snapshot")
      .select(["body", "sha256"])
      .where("edition_id", "=", p.f.editionId)
      .executeTakeFirstOrThrow();
    expect(snap.sha256).toBe(sha(snap.body));
    const entries = (JSON.parse(snap.body) as { prizes: Array<{ rankings: Array<{ ranking: Array<Record<string, unknown>> }> }> })
      .prizes[0]!.rankings[0]!.ranking;
    expect(entries[0]).toMatchObject({ nominee: p.nomineeId, name: ERASED_NAME, organisation: "", votes: 3 });
    expect(entries[1]).toMatchObject({ nominee: p.other, name: "Kandidaat A0", organisation: "Gemeente Test" });
    expect(snap.body).toBe(canonicalJson(JSON.parse(snap.body)));

    // Audited: who, the nominee, the reason category — never the erased data (the search above covers the text).
    const audit = await getDb()
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "nominee.erase")
      .where("entity_id", "=", p.nomineeId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: p.f.organizer.user.id, entity_type: "nominee", award_id: p.f.awardId });
    expect(audit[0]!.after).toMatchObject({ reason: "own_request", nominees: expect.arrayContaining([p.nomineeId, p.dupId]) });

    // The moderation page shows the placeholder, not a name.
    const moderation = await app.request(`/beheer/prijzen/${p.f.slug}/2026/moderatie/${p.nomineeId}`, {
      headers: { cookie: p.f.organizer.cookie },
    });
    expect(moderation.status).toBe(200);

    // Erasing twice is harmless: accepted, audited again, nothing else changes.
    const again = await app.request(erasePath(p.f, p.nomineeId), {
      form: { reason: "own_request", confirm: "true" },
      headers: { cookie: p.f.organizer.cookie },
    });
    expect(again.status).toBe(303);
    expect(await rowCounts(p.f.roundId)).toEqual(counts);
    expect(await tallyOf(p.f.editionId)).toEqual(tallied);
    const snapAgain = await getDb()
      .selectFrom("result_snapshot")
      .select("sha256")
      .where("edition_id", "=", p.f.editionId)
      .executeTakeFirstOrThrow();
    expect(snapAgain.sha256).toBe(snap.sha256);
    const audits = await getDb()
      .selectFrom("audit_log")
      .select("after")
      .where("action", "=", "nominee.erase")
      .where("entity_id", "=", p.nomineeId)
      .execute();
    expect(audits).toHaveLength(2);
    expect(audits[1]!.after).toMatchObject({ repeated: true, mailsDeleted: 0, auditRewritten: 0, snapshotsRewritten: [] });
  });

  it("only the award's organizers may erase; another edition's nominee is not found; bad input is refused", async () => {
    const p = await personWithHistory();
    const elsewhere = await createVoteRound({ categories: 1, candidatesPerCategory: 1 });
    const foreign = elsewhere.candidates[elsewhere.categoryIds[0]!]![0]!;
    const stranger = await createUser();
    const strangerCookie = await sessionFor(stranger.id);
    const juror = p.jurors[0]!;
    const form = { reason: "own_request", confirm: "true" };

    for (const cookie of [strangerCookie, juror.cookie]) {
      expect((await app.request(erasePath(p.f, p.nomineeId), { headers: { cookie } })).status).toBe(403);
      expect((await app.request(erasePath(p.f, p.nomineeId), { form, headers: { cookie } })).status).toBe(403);
    }
    const visitor = await app.request(erasePath(p.f, p.nomineeId), { form });
    expect([302, 303]).toContain(visitor.status);
    expect(visitor.headers.get("location")).toContain("/inloggen");

    const organizer = { cookie: p.f.organizer.cookie };
    expect((await app.request(erasePath(p.f, foreign), { headers: organizer })).status).toBe(404);
    expect((await app.request(erasePath(p.f, foreign), { form, headers: organizer })).status).toBe(404);
    expect((await app.request(erasePath(p.f, "not-a-uuid"), { form, headers: organizer })).status).toBe(404);
    const bads: Array<Record<string, string>> = [
      {},
      { reason: "own_request" },
      { reason: "because", confirm: "true" },
      { reason: "own_request", confirm: "yes" },
    ];
    for (const bad of bads) {
      const r = await app.request(erasePath(p.f, p.nomineeId), { form: bad, headers: organizer });
      expect(r.status).toBe(400);
    }
    // A refused post keeps what was ticked, rendered without React's controlled/uncontrolled warning.
    const logged = vi.spyOn(console, "error");
    try {
      const kept = await (await app.request(erasePath(p.f, p.nomineeId), { form: bads[2]!, headers: organizer })).text();
      expect(kept.match(/<input[^>]*name="confirm"[^>]*>/)?.[0]).toContain('checked=""');
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
    const missing = await app.request(erasePath(p.f, p.nomineeId), { form: {}, headers: organizer });
    const html = await missing.text();
    expect(html).toContain("Kies de grondslag van het verzoek.");
    expect(html).toContain("Vink aan dat u begrijpt dat wissen definitief is.");

    // Nothing was erased by any of these.
    const row = await getDb().selectFrom("nominee").select(["name", "erased_at"]).where("id", "=", p.nomineeId).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: p.name, erased_at: null });
    const untouched = await getDb().selectFrom("nominee").select("name").where("id", "=", foreign).executeTakeFirstOrThrow();
    expect(untouched.name).not.toBe(ERASED_NAME);
  });

  it("the append-only history refuses any other rewrite, even under the erasure setting", async () => {
    const db = getDb();
    await writeAudit(db, { actorId: null }, { action: "test.entry", entityType: "test", after: { text: "Piet Pietersen" } });
    const spec = JSON.stringify({ ids: [], terms: ["Piet Pietersen"], name: ERASED_NAME, mask: "[verwijderd]" });
    await expect(sql`update audit_log set after = '{"text":"iets anders"}' where action = 'test.entry'`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`select set_config('lauwer.erasure', ${spec}, true)`.execute(trx);
        await sql`update audit_log set after = '{"text":"iets anders"}' where action = 'test.entry'`.execute(trx);
      }),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`select set_config('lauwer.erasure', ${spec}, true)`.execute(trx);
        await sql`update audit_log set action = 'x', after = lauwer_erase_jsonb(after, lauwer_erasure_spec()) where action = 'test.entry'`.execute(
          trx,
        );
      }),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where action = 'test.entry'`.execute(db)).rejects.toThrow(/append-only/);
    // The one rewrite allowed: exactly the erasure of the spec's strings.
    await db.transaction().execute(async (trx) => {
      await sql`select set_config('lauwer.erasure', ${spec}, true)`.execute(trx);
      await sql`update audit_log set after = lauwer_erase_jsonb(after, lauwer_erasure_spec()) where action = 'test.entry'`.execute(trx);
    });
    const row = await db.selectFrom("audit_log").select("after").where("action", "=", "test.entry").executeTakeFirstOrThrow();
    expect(row.after).toEqual({ text: "[verwijderd]" });
  });
});

/**
 * A finished edition: a live vote (ballots with IP and device), a jury round with a commented score,
 * a public candidate, a rejected person with a reference, invites, a draft and a consent token.
 */
async function finishedEdition(retentionDays: number | null) {
  const f = await createJuryRound({
    categories: 1,
    candidatesPerCategory: 2,
    closesIn: 3,
    vote: { kind: "live_vote", opensIn: -60, closesIn: null },
  });
  const db = getDb();
  const category = f.categoryIds[0]!;
  const [a, b] = f.candidates[category]!;
  const candidateName = `Kandidaat ${word()} ${word()}`;
  const candidateEmail = uniqueEmail("kandidaat");
  await db.updateTable("nominee").set({ name: candidateName, contact_email: candidateEmail, age: 33 }).where("id", "=", a!).execute();
  const rejectedName = `Renske ${word()}${word()}`;
  const rejectedEmail = uniqueEmail("renske");
  const refName = `Referent ${word()}${word()}`;
  const refEmail = uniqueEmail("referent");
  const member = await createUser();
  const rejected = await db
    .insertInto("nominee")
    .values({
      edition_id: f.editionId,
      category_id: category,
      kind: "person",
      name: rejectedName,
      contact_email: rejectedEmail,
      status: "rejected",
      rejection_reason: `${rejectedName} werkt niet bij de overheid`,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const nomination = await db
    .insertInto("nomination")
    .values({
      edition_id: f.editionId,
      nominee_id: rejected.id,
      submitted_for_nominee_id: rejected.id,
      nominator_id: member.id,
      motivation: `${rejectedName} is geweldig`,
      relation: "collega",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("nomination_reference")
    .values({
      nomination_id: nomination.id,
      position: 1,
      name: refName,
      email: refEmail,
      token_hash: randomUUID(),
      expires_at: sql<Date>`now() + interval '1 day'`,
      statement: "Een goede collega.",
    })
    .execute();
  await db
    .insertInto("nominee_consent_token")
    .values({ token_hash: randomUUID(), nominee_id: rejected.id, expires_at: sql<Date>`now() + interval '1 day'` })
    .execute();
  await db
    .insertInto("outbox_email")
    .values([
      { to_address: rejectedEmail, locale: "nl", template: "consent", subject: "Genomineerd", body_text: `Beste ${rejectedName}` },
      { to_address: refEmail, locale: "nl", template: "referenceRequest", subject: "Referentie", body_text: `Beste ${refName}` },
      { to_address: member.email, locale: "nl", template: "nominationRejected", subject: `Over ${rejectedName}`, body_text: "Helaas" },
    ])
    .execute();
  await writeAudit(
    db,
    { actorId: f.organizer.user.id },
    {
      action: "nominee.reject",
      entityType: "nominee",
      entityId: rejected.id,
      after: { status: "rejected", reason: `${rejectedName} past niet` },
    },
  );
  await saveDraft(db, member.id, f.editionId, { name: "Nog iemand", motivation: "half af" });
  await db
    .insertInto("round_invite")
    .values({ round_id: f.roundId, email: uniqueEmail("genodigde") })
    .execute();

  for (let i = 0; i < 3; i++) await vote(f.editionId, category, a!, "192.0.2.10", "device-abc");
  await vote(f.editionId, category, b!, "192.0.2.11", "device-def");
  const juror = await addJuror(f);
  await db
    .insertInto("jury_score")
    .values({
      round_id: f.juryRoundId,
      juror_id: juror.user.id,
      nominee_id: a!,
      criterion_id: f.criteria[0]!.id,
      score: 2,
      comment: "Te weinig impact",
    })
    .execute();
  // Close the live vote now; wait for the jury round to close by itself.
  await db
    .updateTable("round")
    .set({ closes_at: sql<Date>`now()` })
    .where("id", "=", f.roundId)
    .execute();
  for (;;) {
    const r = await sql<{
      closed: boolean;
    }>`select bool_and(closes_at <= now()) as closed from round where edition_id = ${f.editionId}`.execute(db);
    if (r.rows[0]!.closed) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await db.updateTable("edition").set({ retention_days: retentionDays }).where("id", "=", f.editionId).execute();
  return { f, a: a!, candidateName, candidateEmail, rejectedId: rejected.id, rejectedName, rejectedEmail, refName, refEmail };
}

/** Everything retention may touch in an edition, to compare runs. */
async function editionState(editionId: string) {
  const db = getDb();
  const ballots = db.selectFrom("ballot").select("id").where("edition_id", "=", editionId);
  return {
    nominees: await db.selectFrom("nominee").selectAll().where("edition_id", "=", editionId).orderBy("id").execute(),
    nominations: await db.selectFrom("nomination").selectAll().where("edition_id", "=", editionId).orderBy("id").execute(),
    ballots: await db.selectFrom("ballot").selectAll().where("edition_id", "=", editionId).orderBy("id").execute(),
    revisions: await db.selectFrom("ballot_revision").selectAll().where("ballot_id", "in", ballots).orderBy("ballot_id").execute(),
    edition: await db
      .selectFrom("edition")
      .select(["retention_days", "anonymised_at"])
      .where("id", "=", editionId)
      .executeTakeFirstOrThrow(),
  };
}

describe("a consent decline", () => {
  it("removes the nominee's name and e-mail from every table, not only from their own rows", async () => {
    const { createEdition } = await import("../setup/factories");
    const e = await createEdition();
    const name = `Dora Declinant${word()}`;
    const email = uniqueEmail(`d${word().toLowerCase()}`);
    const refName = `Rita Referent${word()}`;
    const refEmail = uniqueEmail("referent");
    const member = await createUser();
    const made = await nominatePerson(
      getDb(),
      { id: member.id, name: member.name, emailVerified: true },
      e.editionId,
      PersonNominationSchema.parse(
        personInput(e.categoryIds[0]!, {
          name,
          email,
          motivation: `${name} heeft het archief van de gemeente voor iedereen geopend, samen met de leeszaal.`,
          ref1Name: refName,
          ref1Email: refEmail,
          ref1Relation: "collega",
        }),
      ),
      "nl",
    );
    if (!made.ok) throw new Error("setup");
    const needles = [name, email, refName, refEmail];
    const before = await findEverywhere(needles);
    // The nomination put the person in mails (consent, reference request, the nominator's receipt).
    expect(before.some((h) => h.startsWith("outbox_email."))).toBe(true);
    const mail = await getDb()
      .selectFrom("outbox_email")
      .select("body_text")
      .where("to_address", "=", email)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    const token = linkFrom(mail.body_text).searchParams.get("token")!;
    const vacuums = () =>
      sql<{ n: string }>`select vacuum_count::text as n from pg_stat_user_tables where relname = 'nominee'`.execute(getDb());
    const vacuumedBefore = Number((await vacuums()).rows[0]!.n);
    expect(await decideConsent(getDb(), token, "decline")).toEqual({ ok: true, value: { decision: "decline" } });
    expect(await findEverywhere(needles)).toEqual([]);
    // Logged for a restore from an older backup (ADR 0043), with ids only; the changed tables vacuumed.
    const nomineeId = (
      await getDb()
        .selectFrom("nominee_consent_token")
        .select("nominee_id")
        .where("token_hash", "=", hashToken(token))
        .executeTakeFirstOrThrow()
    ).nominee_id;
    const logged = await getDb()
      .selectFrom("erasure_log")
      .selectAll()
      .where("action", "=", "nominee.decline")
      .where(sql<boolean>`${nomineeId}::uuid = any(nominee_ids)`)
      .execute();
    expect(logged.map((l) => l.nominee_ids[0])).toEqual([nomineeId]);
    expect(Number((await vacuums()).rows[0]!.n)).toBeGreaterThan(vacuumedBefore);
    // The nominator is still told (without the name).
    const told = await getDb().selectFrom("outbox_email").select("template").where("to_address", "=", member.email).execute();
    expect(told.map((m) => m.template)).toContain("nomineeDeclined");
  });
});

describe("retention per edition", () => {
  it("anonymises an edition past its retention period, leaves one that is not yet due, and a second run changes nothing", async () => {
    const due = await finishedEdition(0);
    const notYet = await finishedEdition(30);
    const kept = await editionState(notYet.f.editionId);
    const dueIds = (await dueEditions(getDb())).map((e) => e.id);
    expect(dueIds).toContain(due.f.editionId);
    expect(dueIds).not.toContain(notYet.f.editionId);
    const counts = await rowCounts(due.f.roundId);
    const tallied = await tallyOf(due.f.editionId);
    expect(tallied[due.a]).toBe(3);

    const report = await anonymiseEdition(getDb(), due.f.editionId);
    expect(report).toMatchObject({ personsErased: 1, referencesDeleted: 1, ballotsAnonymised: 4 });

    // Gone: the non-public person, every contact, the reference, and anything linking ballots to people.
    expect(await findEverywhere([due.rejectedName, due.rejectedEmail, due.refName, due.refEmail, due.candidateEmail])).toEqual([]);
    const db = getDb();
    const nominees = await db.selectFrom("nominee").selectAll().where("edition_id", "=", due.f.editionId).execute();
    expect(nominees.find((n) => n.id === due.rejectedId)).toMatchObject({ name: ERASED_NAME, contact_email: null, rejection_reason: null });
    expect(nominees.find((n) => n.id === due.a)).toMatchObject({ name: due.candidateName, contact_email: null, age: null });
    expect(nominees.every((n) => n.contact_email === null)).toBe(true);
    const state = await editionState(due.f.editionId);
    expect(state.ballots.length).toBe(4);
    for (const b of state.ballots) expect(b).toMatchObject({ voter_id: null, ip: null, device_hash: null });
    expect(state.revisions.length).toBe(4);
    for (const r of state.revisions) expect(r).toMatchObject({ ip: null, device_hash: null });
    expect(state.nominations.every((n) => n.relation === "")).toBe(true);
    expect(state.edition.anonymised_at).toBeInstanceOf(Date);
    const rounds = db.selectFrom("round").select("id").where("edition_id", "=", due.f.editionId);
    expect(await db.selectFrom("round_invite").selectAll().where("round_id", "in", rounds).execute()).toEqual([]);
    expect(await db.selectFrom("nomination_draft").selectAll().where("edition_id", "=", due.f.editionId).execute()).toEqual([]);
    expect(await db.selectFrom("nominee_consent_token").selectAll().where("nominee_id", "=", due.rejectedId).execute()).toEqual([]);
    const scores = await db.selectFrom("jury_score").select(["score", "comment"]).where("round_id", "=", due.f.juryRoundId).execute();
    expect(scores).toEqual([{ score: 2, comment: "" }]);
    // The candidate's public name stays; tallies are unchanged.
    expect((await findEverywhere([due.candidateName])).length).toBeGreaterThan(0);
    expect(await rowCounts(due.f.roundId)).toEqual(counts);
    expect(await tallyOf(due.f.editionId)).toEqual(tallied);
    const audit = await db
      .selectFrom("audit_log")
      .select(["actor_id", "after"])
      .where("action", "=", "edition.retention")
      .where("entity_id", "=", due.f.editionId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBeNull();

    // Not yet due: untouched.
    expect(await editionState(notYet.f.editionId)).toEqual(kept);
    const stillThere = await findEverywhere([notYet.rejectedName, notYet.refEmail, notYet.candidateEmail]);
    for (const needle of [notYet.rejectedName, notYet.refEmail, notYet.candidateEmail]) {
      expect(
        stillThere.some((h) => h.endsWith(`: ${needle}`)),
        needle,
      ).toBe(true);
    }

    // Twice: nothing more happens.
    const after = await editionState(due.f.editionId);
    expect(await anonymiseEdition(db, due.f.editionId)).toBeUndefined();
    expect((await runRetention(db)).map((r) => r.editionId)).not.toContain(due.f.editionId);
    expect(await editionState(due.f.editionId)).toEqual(after);
    expect(await editionState(notYet.f.editionId)).toEqual(kept);
  });

  it("an edition with an open-ended round or no retention period is never due", async () => {
    const open = await createVoteRound({ kind: "live_vote", opensIn: -60, closesIn: null, categories: 1, candidatesPerCategory: 1 });
    await getDb().updateTable("edition").set({ retention_days: 0 }).where("id", "=", open.editionId).execute();
    const keep = await finishedEdition(null);
    const ids = (await dueEditions(getDb())).map((e) => e.id);
    expect(ids).not.toContain(open.editionId);
    expect(ids).not.toContain(keep.f.editionId);
    expect(await anonymiseEdition(getDb(), keep.f.editionId)).toBeUndefined();
  });

  it("npm run privacy:retention anonymises what is due and says so", async () => {
    const due = await finishedEdition(0);
    const { stdout } = await promisify(execFile)("npx", ["tsx", "scripts/retention.ts"], {
      env: { ...process.env, LOG_LEVEL: "silent" },
      timeout: 60_000,
    });
    expect(stdout).toContain(`${due.f.slug} 2026:`);
    expect(stdout).toContain("1 non-public persons erased");
    const row = await getDb().selectFrom("edition").select("anonymised_at").where("id", "=", due.f.editionId).executeTakeFirstOrThrow();
    expect(row.anonymised_at).toBeInstanceOf(Date);
  });
});
