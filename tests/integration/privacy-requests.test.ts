import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { decideConsent } from "~/modules/awards/consent.server";
import { approveNominee } from "~/modules/awards/moderation.server";
import { nominatePerson } from "~/modules/awards/nomination.server";
import { PersonNominationSchema } from "~/modules/awards/nomination.schema";
import { enqueueMail, enqueueRenderedMail } from "~/modules/mail/outbox.server";
import { RegisterRequestSchema } from "~/modules/privacy/requests.schema";
import {
  closeRequest,
  eraseForRequest,
  getRequest,
  listRequests,
  objectForRequest,
  registerRequest,
  requestReport,
} from "~/modules/privacy/requests.server";
import { createEdition, createUser, linkFrom, personInput, uniqueEmail } from "../setup/factories";

// Issue #19 item 3: requests from people with or without an account — registered with their legal
// deadline, the person found and what is held given (art. 15), erased (17) or processing stopped (21),
// and closed with the answer mailed, after which the register holds no contact data.

const asNominator = (u: { id: string; name: string }) => ({ id: u.id, name: u.name, emailVerified: true });
const word = () =>
  `Zwerm${randomUUID()
    .replace(/[^a-f]/g, "")
    .slice(0, 6)}`;

/** A nominated person without an account: approved and consented, so a public candidate, plus a reference elsewhere. */
async function plant() {
  const db = getDb();
  const surname = word();
  const name = `Fenna ${surname}`;
  const email = uniqueEmail("fenna");
  const e = await createEdition({ opensIn: -3600, closesIn: 3600 });
  const cat = e.categoryIds[0]!;
  const nominator = await createUser();
  const admin = await createUser();
  const own = await nominatePerson(
    db,
    asNominator(nominator),
    e.editionId,
    PersonNominationSchema.parse(
      personInput(cat, { name, email, motivation: `${name} maakte het loket toegankelijk voor iedereen in de stad.` }),
    ),
    "nl",
  );
  const other = await nominatePerson(
    db,
    asNominator(await createUser()),
    e.editionId,
    PersonNominationSchema.parse(personInput(cat, { name: "Kees Kandidaat", ref1Name: name, ref1Email: email, ref1Relation: "collega" })),
    "nl",
  );
  if (!own.ok || !other.ok) throw new Error("nomination failed");
  const consent = await db
    .selectFrom("outbox_email")
    .select("body_text")
    .where("to_address", "=", email)
    .where("template", "=", "consent")
    .executeTakeFirstOrThrow();
  expect((await decideConsent(db, linkFrom(consent.body_text).searchParams.get("token")!, "accept")).ok).toBe(true);
  expect((await approveNominee(db, { actorId: admin.id }, e.editionId, own.value.nomineeId)).ok).toBe(true);
  return { db, name, surname, email, nomineeId: own.value.nomineeId, actor: { actorId: admin.id } };
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

async function register(p: Awaited<ReturnType<typeof plant>>, kind: "access" | "erasure" | "objection", receivedOn = daysAgo(2)) {
  const input = RegisterRequestSchema.parse({ kind, receivedOn, name: p.name, email: p.email.toUpperCase(), locale: "nl" });
  const r = await registerRequest(p.db, p.actor, input);
  if (!r.ok) throw new Error("register failed");
  return r.value.id;
}

const answers = (email: string) =>
  getDb()
    .selectFrom("outbox_email")
    .select(["template", "subject", "body_text"])
    .where("to_address", "=", email)
    .where("template", "=", "privacyAnswer")
    .execute();

describe("the register of privacy requests", () => {
  it("registers a request with its deadline a month on, lists open and overdue ones, and refuses bad input without storing it", async () => {
    const p = await plant();
    const before = await p.db
      .selectFrom("privacy_request")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    for (const bad of [
      { kind: "access", receivedOn: "2099-01-01", name: "", email: "a@b.nl", locale: "nl" },
      { kind: "access", receivedOn: "2026-02-30", name: "", email: "a@b.nl", locale: "nl" },
      { kind: "access", receivedOn: "2026-12-01", name: "", email: "", locale: "nl" },
      { kind: "delete", receivedOn: "2026-12-01", name: "", email: "a@b.nl", locale: "nl" },
      { kind: "access", receivedOn: "2026-12-01", name: "x".repeat(201), email: "a@b.nl", locale: "nl" },
    ])
      expect(RegisterRequestSchema.safeParse(bad).success).toBe(false);
    expect(
      await p.db
        .selectFrom("privacy_request")
        .select(sql<number>`count(*)::int`.as("n"))
        .executeTakeFirstOrThrow(),
    ).toEqual(before);

    const id = await register(p, "access", "2026-01-31");
    const r = (await getRequest(p.db, id))!;
    // One month on, the last day of a shorter month when there is no 31st.
    expect(r).toMatchObject({
      kind: "access",
      receivedOn: "2026-01-31",
      dueOn: "2026-02-28",
      status: "open",
      email: p.email,
      overdue: true,
    });
    expect(r.daysLeft).toBeLessThan(0);
    const fresh = await register(p, "access", daysAgo(1));
    const list = await listRequests(p.db);
    const mine = list.open.filter((x) => x.id === id || x.id === fresh);
    // Overdue first (by due day), the fresh one not overdue.
    expect(mine.map((x) => [x.id, x.overdue])).toEqual([
      [id, true],
      [fresh, false],
    ]);
    expect(await getRequest(p.db, "not-a-uuid")).toBeUndefined();
    expect(await closeRequest(p.db, p.actor, randomUUID(), "answered")).toMatchObject({ ok: false, status: 404 });
  });

  it("gives access (art. 15): the report holds their records, motivation and reference; closing mails it and clears the register", async () => {
    const p = await plant();
    // A namesake in another award, with their own address: an access answer is mailed unreviewed, so
    // a request finds the person by address only and the namesake's record stays out of it.
    const other = await createEdition({ opensIn: -3600, closesIn: 3600 });
    const namesake = await nominatePerson(
      p.db,
      asNominator(await createUser()),
      other.editionId,
      PersonNominationSchema.parse(
        personInput(other.categoryIds[0]!, { name: p.name, motivation: "Een heel andere Fenna, met een heel ander verhaal." }),
      ),
      "nl",
    );
    expect(namesake.ok).toBe(true);
    const id = await register(p, "access");
    // A mail to someone else that names them (by address: their name is also a namesake's, so it finds
    // nothing): counted as a mention, its text is not theirs.
    await enqueueMail(p.db, {
      to: uniqueEmail("ander"),
      locale: "nl",
      template: "juryInvite",
      name: "Iemand",
      link: "http://x",
      params: { award: `het team van ${p.email}` },
    });
    const report = await requestReport(p.db, p.actor, id, true);
    if (!report.ok) throw new Error("report refused");
    const r = report.value.report;
    expect(r.nominees).toEqual([expect.objectContaining({ name: p.name, contactEmail: p.email, status: "approved", consent: "accepted" })]);
    expect(r.nominees[0]!.motivations[0]).toContain("loket toegankelijk");
    expect(JSON.stringify(r)).not.toContain("heel andere Fenna");
    expect(r.references).toEqual([expect.objectContaining({ forNominee: "Kees Kandidaat", email: p.email })]);
    expect(r.mails.map((m) => m.subject).join(" ")).toMatch(/genomineerd/);
    expect(r.mentions).toContainEqual({ table: "outbox_email", column: "body_text", rows: 1 });
    expect((await getRequest(p.db, id))!.exportedAt).not.toBeNull();

    expect(await closeRequest(p.db, p.actor, id, "answered")).toEqual({ ok: true, value: undefined });
    const [mail, ...more] = await answers(p.email);
    expect(more).toEqual([]);
    expect(mail!.subject).toBe("Antwoord op je privacyverzoek aan Lauwer");
    expect(mail!.body_text).toContain(`Beste ${p.name},`);
    expect(mail!.body_text).toContain(p.name);
    expect(mail!.body_text).toContain("Kees Kandidaat");
    expect(mail!.body_text).toContain("loket toegankelijk");
    // The register keeps what was asked and how it ended, never who asked.
    const row = await p.db.selectFrom("privacy_request").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "closed", outcome: "answered", name: "", email: null });
    expect(await closeRequest(p.db, p.actor, id, "answered")).toMatchObject({
      ok: false,
      status: 409,
      error: "privacyRequests.errors.closed",
    });
    expect((await answers(p.email)).length).toBe(1);
    // The database holds it too: a closed request with contact data is refused.
    await expect(p.db.updateTable("privacy_request").set({ email: p.email }).where("id", "=", id).execute()).rejects.toThrow(
      /privacy_request_closed_is_cleared/,
    );
    const audit = await p.db.selectFrom("audit_log").select(["action", "after"]).where("entity_id", "=", id).orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["privacy.request.register", "privacy.request.export", "privacy.request.close"]);
    expect(JSON.stringify(audit)).not.toContain(p.surname);
  });

  it("stops processing (art. 21): no longer a candidate, no mail but the answer; 'objected' only once done", async () => {
    const p = await plant();
    const id = await register(p, "objection");
    expect(await closeRequest(p.db, p.actor, id, "objected")).toMatchObject({
      ok: false,
      status: 409,
      field: "outcome",
      error: "privacyRequests.errors.notObjected",
    });
    await enqueueMail(p.db, { to: p.email, locale: "nl", template: "juryInvite", name: p.name, link: "http://x", params: {} });
    expect(await objectForRequest(p.db, p.actor, id)).toMatchObject({ ok: true, value: { nominees: 1 } });
    const nominee = await p.db
      .selectFrom("nominee")
      .select(["is_candidate", "consent_status", "name"])
      .where("id", "=", p.nomineeId)
      .executeTakeFirstOrThrow();
    // Hidden from pages and exports (not a candidate, consent declined), the data kept (restricted, not erased).
    expect(nominee).toEqual({ is_candidate: false, consent_status: "declined", name: p.name });
    // The mail waiting for them went; a new one to the address (in any case) is dropped by the database.
    const pending = () =>
      p.db
        .selectFrom("outbox_email")
        .select("template")
        .where(sql<boolean>`lower(to_address) = ${p.email}`)
        .where("status", "=", "pending")
        .execute();
    expect(await pending()).toEqual([]);
    await enqueueMail(p.db, {
      to: ` ${p.email.toUpperCase()}`,
      locale: "nl",
      template: "juryInvite",
      name: p.name,
      link: "http://x",
      params: {},
    });
    expect(await pending()).toEqual([]);
    // A notice (rendered by its sender) is dropped too, and its sender is told instead of failing.
    expect(
      await enqueueRenderedMail(p.db, {
        to: p.email,
        locale: "nl",
        template: "notice.test",
        subject: "S",
        text: "T",
        html: "<p>T</p>",
        headers: {},
      }),
    ).toBeNull();
    expect(await closeRequest(p.db, p.actor, id, "objected")).toMatchObject({ ok: true });
    expect((await answers(p.email)).map((m) => m.body_text).join()).toContain("gestopt");
  });

  it("erases (art. 17) through the person service and answers afterwards; 'erased' only once done", async () => {
    const p = await plant();
    const id = await register(p, "erasure");
    expect(await closeRequest(p.db, p.actor, id, "erased")).toMatchObject({
      ok: false,
      status: 409,
      error: "privacyRequests.errors.notErased",
    });
    expect(await eraseForRequest(p.db, p.actor, id, "own_request")).toMatchObject({ ok: true, value: { nominees: 1, references: 1 } });
    const nominee = await p.db.selectFrom("nominee").select(["name", "erased_at"]).where("id", "=", p.nomineeId).executeTakeFirstOrThrow();
    expect(nominee.name).toBe("Verwijderde kandidaat");
    expect((await getRequest(p.db, id))!.erasedAt).not.toBeNull();
    // A second erase (a double submit, another admin) is refused, not run twice.
    expect(await eraseForRequest(p.db, p.actor, id, "own_request")).toMatchObject({
      ok: false,
      status: 409,
      error: "privacyRequests.errors.alreadyErased",
    });
    expect(await closeRequest(p.db, p.actor, id, "erased")).toMatchObject({ ok: true });
    const [mail] = await answers(p.email);
    expect(mail!.body_text).toContain("gewist");
    // After closing, the only place left holding the address is the answer on its way to them.
    const left = await sql<{
      n: number;
    }>`select count(*)::int as n from privacy_request where email = ${p.email} or name like ${"%" + p.surname + "%"}`.execute(p.db);
    expect(left.rows[0]!.n).toBe(0);
  });
});
