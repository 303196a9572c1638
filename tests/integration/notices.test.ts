import { createHash } from "node:crypto";
import { sql } from "kysely";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { preferencesOf, savePreferences, followAwards } from "~/modules/notices/preferences.server";
import { runNotices } from "~/modules/notices/notices.server";
import { deliverDueMail } from "~/modules/mail/outbox.server";
import { addAuthor, assignDirectly, createWritingProject } from "../setup/book-writing";
import { createEdition, createUser, uniqueEmail } from "../setup/factories";
import { startTestServer, type TestServer } from "../setup/http";
import { addJuror, createJuryRound } from "../setup/jury";
import { createVoteRound, sessionFor } from "../setup/voting";

// Lifecycle notices (ADR 0013): derived from state on a tick, each mailed exactly once (ticks in a
// row and at the same time), in the recipient's language, never to someone who stopped the topic;
// the one-click unsubscribe link works without login for exactly one topic.

const ORIGIN = "http://localhost:3000";
const tick = (lock = true) => runNotices(getDb(), { origin: ORIGIN, lock });

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
  // The first tick in this database records what earlier test files left as history.
  await tick();
});
afterAll(async () => {
  await app.close();
});

async function noticeMails(email: string, kind?: string) {
  let q = getDb().selectFrom("outbox_email").selectAll().where("to_address", "=", email).where("template", "like", "notice.%");
  if (kind) q = q.where("template", "=", `notice.${kind}`);
  return q.orderBy("id").execute();
}

async function noticeRows(email: string) {
  return getDb().selectFrom("notice").selectAll().where("recipient", "=", email).orderBy("id").execute();
}

async function userWithLocale(locale: "nl" | "en", name = "Nomi Nator") {
  const u = await createUser({ name });
  await getDb().updateTable("app_user").set({ locale }).where("id", "=", u.id).execute();
  return u;
}

/** An approved nominee of the edition, nominated by `nominatorId`. */
async function approvedNominee(
  e: { editionId: string; categoryIds: string[] },
  nominatorId: string,
  extra: { contactEmail?: string } = {},
) {
  const db = getDb();
  const n = await db
    .insertInto("nominee")
    .values({
      edition_id: e.editionId,
      category_id: e.categoryIds[0]!,
      kind: "person",
      name: `Kandidaat ${Math.random().toString(36).slice(2, 7)}`,
      organisation: "Gemeente Test",
      contact_email: extra.contactEmail ?? null,
      status: "approved",
      consent_status: "accepted",
    })
    .returning(["id", "name"])
    .executeTakeFirstOrThrow();
  await db
    .insertInto("nomination")
    .values({
      edition_id: e.editionId,
      nominee_id: n.id,
      submitted_for_nominee_id: n.id,
      nominator_id: nominatorId,
      motivation: "Een motivatie die lang genoeg is om als nominatie te tellen in deze test.",
    })
    .execute();
  return n;
}

describe("lifecycle notices", () => {
  it("tells a nominator once, in their language, that their nomination was admitted — ticks in a row or at the same time", async () => {
    const e = await createEdition();
    const nl = await userWithLocale("nl");
    const en = await userWithLocale("en");
    await approvedNominee(e, nl.id);
    // Without the lock, the unique key alone keeps it once.
    await Promise.all([tick(false), tick(false)]);
    await approvedNominee(e, en.id);
    const reports = await Promise.all([tick(), tick()]);
    expect(reports.filter((r) => r.busy).length).toBeLessThanOrEqual(1);
    await tick();
    await tick();

    const [mailNl] = await noticeMails(nl.email);
    const [mailEn] = await noticeMails(en.email);
    expect(await noticeMails(nl.email)).toHaveLength(1);
    expect(await noticeMails(en.email)).toHaveLength(1);
    expect(mailNl!.subject).toMatch(/is toegelaten/);
    expect(mailEn!.subject).toMatch(/was admitted/);
    expect(mailEn!.body_html).toContain('<html lang="en">');
    expect(mailNl!.body_text).toContain(`${ORIGIN}/mijn-nominaties`);
    // RFC 8058 headers and a visible link to the same address.
    const headers = mailNl!.headers!;
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const unsubscribe = /^<(.+)>$/.exec(headers["List-Unsubscribe"]!)![1]!;
    expect(unsubscribe).toMatch(new RegExp(`^${ORIGIN}/afmelden\\?token=`));
    expect(mailNl!.body_text).toContain(unsubscribe);
    expect(mailNl!.body_html).toContain(unsubscribe.replace(/&/g, "&amp;"));
    expect((await noticeRows(nl.email)).map((r) => [r.kind, r.status])).toEqual([["nominator_approved", "sent"]]);
  });

  it("delivers a notice as text and HTML with the RFC 8058 headers, and keeps no copy once sent", async () => {
    const e = await createEdition();
    const u = await userWithLocale("nl");
    await approvedNominee(e, u.id);
    await tick();
    const [queued] = await noticeMails(u.email);
    // nodemailer builds the real MIME message; the transport only records it (the SMTP path is outbox.test.ts's).
    const raw: string[] = [];
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
    const recording = {
      sendMail: async (m: Parameters<typeof transport.sendMail>[0]) => {
        if (m.to !== u.email) throw new Error("not this test's mail");
        const info = await transport.sendMail(m);
        // Unfolded (RFC 5322 §2.2.3): a long header may continue on the next line.
        raw.push((info.message as Buffer).toString("utf8").replace(/\r\n(?=[ \t])/g, ""));
      },
    };
    // Other tests' queued mail is refused by the recorder and retried later; only this one is sent.
    await getDb()
      .updateTable("outbox_email")
      .set({ next_attempt_at: sql<Date>`now()` })
      .where("id", "=", queued!.id)
      .execute();
    for (let i = 0; i < 50 && raw.length === 0; i++) await deliverDueMail(getDb(), recording, "Lauwer <no-reply@lauwer.test>", 200);
    expect(raw).toHaveLength(1);
    expect(raw[0]).toMatch(/^List-Unsubscribe: <http:\/\/localhost:3000\/afmelden\?token=[^>]+>\r?$/m);
    expect(raw[0]).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    expect(raw[0]).toContain("Content-Type: text/plain");
    expect(raw[0]).toContain("Content-Type: text/html");
    const sent = await getDb().selectFrom("outbox_email").selectAll().where("id", "=", queued!.id).executeTakeFirstOrThrow();
    expect([sent.status, sent.body_text, sent.body_html]).toEqual(["sent", "", null]);
  });

  it("mails nobody who stopped the topic, and records it as stopped", async () => {
    const e = await createEdition();
    const u = await userWithLocale("nl");
    await savePreferences(getDb(), u.email, { nominations: false, votes: false, results: false, jury: true, book: true });
    await approvedNominee(e, u.id);
    await tick();
    await tick();
    expect(await noticeMails(u.email)).toHaveLength(0);
    expect((await noticeRows(u.email)).map((r) => r.status)).toEqual(["opted_out"]);
  });

  it("a kind's first tick records what is already due as history and mails none of it", async () => {
    const e = await createEdition();
    const u = await userWithLocale("nl");
    await approvedNominee(e, u.id);
    await getDb().deleteFrom("notice_kind").where("kind", "=", "nominator_approved").execute();
    const first = await tick();
    expect(first.history).toBeGreaterThanOrEqual(1);
    await tick();
    expect(await noticeMails(u.email)).toHaveLength(0);
    expect((await noticeRows(u.email)).map((r) => r.status)).toEqual(["history"]);
    // Events after that first tick are mailed again.
    await approvedNominee(e, u.id);
    await tick();
    expect(await noticeMails(u.email, "nominator_approved")).toHaveLength(1);
  });

  it("tells nominators and consenting nominees of a published shortlist and final, the ceremony, and the winner after publication", async () => {
    const db = getDb();
    const v = await createVoteRound({ categories: 1, candidatesPerCategory: 2 });
    const nominator = await userWithLocale("en", "Nora Nominator");
    const nomineeEmail = uniqueEmail("kandidaat");
    const x = await approvedNominee({ editionId: v.editionId, categoryIds: v.categoryIds }, nominator.id, { contactEmail: nomineeEmail });
    // Rounds 2 (jury) and 3 (organizers): advancing from round 1 is the shortlist, from round 2 the final.
    const later = [];
    for (const [position, kind] of [
      [2, "jury"],
      [3, "organizer_selection"],
    ] as const) {
      later.push(
        await db
          .insertInto("round")
          .values({
            edition_id: v.editionId,
            position,
            kind,
            name_nl: `Ronde ${position}`,
            name_en: `Round ${position}`,
            advancement: "none",
          })
          .returning("id")
          .executeTakeFirstOrThrow(),
      );
    }
    await db
      .insertInto("round_advancement")
      .values({ round_id: v.roundId, nominee_id: x.id, category_id: v.categoryIds[0]!, place: 1, score: null, decided_by: "organizer" })
      .execute();
    await tick();
    expect(await noticeMails(nomineeEmail)).toHaveLength(0); // not published yet

    await db
      .updateTable("round")
      .set({ results_published_at: sql<Date>`now()` })
      .where("id", "=", v.roundId)
      .execute();
    await Promise.all([tick(), tick()]);
    await tick();
    expect((await noticeMails(nominator.email, "nominator_shortlisted")).map((m) => m.subject)).toEqual([
      `${x.name} is on the shortlist of Award ${v.slug} 2026`,
    ]);
    expect((await noticeMails(nomineeEmail, "nominee_shortlisted")).map((m) => m.subject)).toEqual([
      `Je staat op de shortlist van Prijs ${v.slug} 2026`,
    ]);

    await db
      .insertInto("round_advancement")
      .values({ round_id: later[0]!.id, nominee_id: x.id, category_id: v.categoryIds[0]!, place: 1, score: null, decided_by: "organizer" })
      .execute();
    await db
      .updateTable("round")
      .set({ results_published_at: sql<Date>`now()` })
      .where("id", "=", later[0]!.id)
      .execute();
    await tick();
    await tick();
    expect(await noticeMails(nominator.email, "nominator_finalist")).toHaveLength(1);
    expect(await noticeMails(nomineeEmail, "nominee_finalist")).toHaveLength(1);

    // The ceremony: told once, and again when its place changes.
    await db
      .updateTable("edition")
      .set({ ceremony_at: sql<Date>`now() + interval '30 days'`, ceremony_place: "Den Haag" })
      .where("id", "=", v.editionId)
      .execute();
    await tick();
    await tick();
    const ceremony = await noticeMails(nomineeEmail, "nominee_ceremony");
    expect(ceremony).toHaveLength(1);
    expect(ceremony[0]!.body_text).toContain("Waar: Den Haag");
    await db.updateTable("edition").set({ ceremony_place: "Utrecht" }).where("id", "=", v.editionId).execute();
    await tick();
    expect(await noticeMails(nomineeEmail, "nominee_ceremony")).toHaveLength(2);
    expect(await noticeMails(nominator.email, "nominee_ceremony")).toHaveLength(0);

    // The winner: only once the results are published.
    expect(await noticeMails(nominator.email, "nominator_winner")).toHaveLength(0);
    const body = JSON.stringify({
      format: "lauwer-results/1",
      award: { slug: v.slug, nl: `Prijs ${v.slug}`, en: `Award ${v.slug}` },
      year: 2026,
      categories: [],
      prizes: [
        {
          kind: "jury",
          name: { nl: "Juryprijs", en: "Jury prize" },
          places: 1,
          rules: { public: null, jury: null, weights: null, ties: "" },
          rankings: [{ category: null, ranking: [{ nominee: x.id, name: x.name, organisation: "", category: "", place: 1, tied: false }] }],
        },
      ],
    });
    await db
      .insertInto("result_snapshot")
      .values({
        edition_id: v.editionId,
        version: 1,
        body,
        sha256: createHash("sha256").update(body).digest("hex"),
        reason: null,
        published_by: null,
      })
      .execute();
    await tick();
    await tick();
    const won = await noticeMails(nominator.email, "nominator_winner");
    expect(won.map((m) => m.subject)).toEqual([`${x.name} won Award ${v.slug} 2026`]);
    expect(won[0]!.body_text).toContain("Jury prize");
  });

  it("skips a snapshot body of another shape and still sends the other notices", async () => {
    const v = await createVoteRound({ categories: 1, candidatesPerCategory: 2 });
    for (const [version, body] of [
      [1, "{}"],
      [2, "not json"],
    ] as const) {
      await getDb()
        .insertInto("result_snapshot")
        .values({
          edition_id: v.editionId,
          version,
          body,
          sha256: createHash("sha256").update(body).digest("hex"),
          reason: "test",
          published_by: null,
        })
        .execute();
    }
    const follower = await userWithLocale("nl");
    await followAwards(getDb(), follower.email);
    const other = await createVoteRound({ categories: 1, candidatesPerCategory: 2 });
    await tick();
    const opened = await getDb()
      .selectFrom("notice")
      .select(["recipient", "status"])
      .where("kind", "=", "member_vote_open")
      .where("subject", "=", other.roundId)
      .where("recipient", "=", follower.email)
      .execute();
    expect(opened).toEqual([{ recipient: follower.email, status: "sent" }]);
    // Stop following again, so later tests count their own followers only.
    await savePreferences(getDb(), follower.email, { nominations: true, votes: false, results: false, jury: true, book: true });
  });

  it("tells members who follow the awards when a vote opens and when results are published; nobody else", async () => {
    const follower = await userWithLocale("nl");
    await followAwards(getDb(), follower.email);
    const other = await userWithLocale("nl");
    const v = await createVoteRound({ categories: 1, candidatesPerCategory: 2 });
    await tick();
    await tick();
    const opened = await getDb()
      .selectFrom("notice")
      .select(["recipient", "status"])
      .where("kind", "=", "member_vote_open")
      .where("subject", "=", v.roundId)
      .execute();
    expect(opened).toEqual([{ recipient: follower.email, status: "sent" }]);
    expect(await noticeMails(other.email)).toHaveLength(0);
    const [mail] = (await noticeMails(follower.email, "member_vote_open")).filter((m) => m.body_text.includes(v.base));
    expect(mail!.subject).toBe(`De stemming voor Prijs ${v.slug} 2026 is open`);
    // Results published before they followed (the earlier test's edition) are not news; these are, once.
    expect(await noticeMails(follower.email, "member_results")).toHaveLength(0);
    const body = JSON.stringify({ format: "lauwer-results/1", prizes: [] });
    await getDb()
      .insertInto("result_snapshot")
      .values({
        edition_id: v.editionId,
        version: 1,
        body,
        sha256: createHash("sha256").update(body).digest("hex"),
        reason: null,
        published_by: null,
      })
      .execute();
    await Promise.all([tick(), tick()]);
    await tick();
    expect((await noticeMails(follower.email, "member_results")).map((m) => m.subject)).toEqual([
      `De uitslag van Prijs ${v.slug} 2026 is bekend`,
    ]);
    expect(await noticeMails(other.email)).toHaveLength(0);
  });

  it("reminds jurors with open sheets once, the configured days before their round closes, and never one who finished", async () => {
    const db = getDb();
    const f = await createJuryRound({ categories: 1, candidatesPerCategory: 2, closesIn: 2 * 86_400 });
    const done = await addJuror(f);
    const late = await addJuror(f);
    const candidates = f.candidates[f.categoryIds[0]!]!;
    const scoreAll = async (jurorId: string) => {
      for (const nomineeId of candidates)
        for (const c of f.criteria)
          await db
            .insertInto("jury_score")
            .values({ round_id: f.juryRoundId, juror_id: jurorId, nominee_id: nomineeId, criterion_id: c.id, score: c.scale_max })
            .execute();
    };
    await scoreAll(done.user.id);
    // One day before closing is not yet within a 1-day reminder window (closes in 2 days).
    await db.updateTable("edition").set({ jury_reminder_days: 1 }).where("id", "=", f.editionId).execute();
    await tick();
    expect(await noticeMails(late.user.email, "juror_reminder")).toHaveLength(0);
    await db.updateTable("edition").set({ jury_reminder_days: 3 }).where("id", "=", f.editionId).execute();
    await Promise.all([tick(), tick()]);
    await tick();
    expect(await noticeMails(done.user.email)).toHaveLength(0);
    const reminded = await noticeMails(late.user.email, "juror_reminder");
    expect(reminded).toHaveLength(1);
    expect(reminded[0]!.body_text).toContain("nog 2 kandidaat");
    await scoreAll(late.user.id);
    await tick();
    expect(await noticeMails(late.user.email, "juror_reminder")).toHaveLength(1);
  });

  it("reminds an author once before the due date and once when overdue", async () => {
    const f = await createWritingProject({ portraits: 3 });
    const soon = await addAuthor(f);
    const overdue = await addAuthor(f);
    const later = await addAuthor(f);
    await assignDirectly(f, f.portraits[0]!, soon.id, "3 days");
    await assignDirectly(f, f.portraits[1]!, overdue.id, "-1 day");
    await assignDirectly(f, f.portraits[2]!, later.id, "20 days");
    await Promise.all([tick(), tick()]);
    await tick();
    expect((await noticeMails(soon.email)).map((m) => m.template)).toEqual(["notice.author_due_soon"]);
    expect((await noticeMails(overdue.email)).map((m) => m.template)).toEqual(["notice.author_overdue"]);
    expect(await noticeMails(later.email)).toHaveLength(0);
  });
});

describe("unsubscribing", () => {
  async function mailedNominator() {
    const e = await createEdition();
    const u = await userWithLocale("nl");
    await approvedNominee(e, u.id);
    await tick();
    const [mail] = await noticeMails(u.email);
    const link = new URL(/^<(.+)>$/.exec(mail!.headers!["List-Unsubscribe"]!)![1]!);
    return { e, u, path: `${link.pathname}${link.search}`, token: link.searchParams.get("token")! };
  }

  it("a mail client's one-click POST stops that one topic without login; later notices of it are not mailed", async () => {
    const { e, u, path } = await mailedNominator();
    const before = await preferencesOf(getDb(), u.email);
    const page = await app.request(path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Afmelden");
    // No session and no Origin, as a mail client posts it.
    const res = await app.request(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-no-origin": "1" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(res.status).toBe(303);
    // The exemption from the Origin check is this one path with a token, nothing else.
    const elsewhere = await app.request(`/account?intent=notices&token=${encodeURIComponent(path.split("token=")[1]!)}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-no-origin": "1" },
      body: "votes=true",
    });
    expect(elsewhere.status).toBe(403);
    const confirmed = await app.request(
      new URL(res.headers.get("location")!, app.url).pathname + new URL(res.headers.get("location")!, app.url).search,
    );
    expect(await confirmed.text()).toContain("Je bent afgemeld. Je krijgt geen e-mail meer over dit onderwerp.");
    const after = await preferencesOf(getDb(), u.email);
    expect(after).toEqual({ ...before, nominations: false });
    await approvedNominee(e, u.id);
    await tick();
    expect(await noticeMails(u.email)).toHaveLength(1);
    expect((await noticeRows(u.email)).map((r) => r.status)).toEqual(["sent", "opted_out"]);
  });

  it("a forged, altered or other-topic token gets a clear translated error and changes nothing", async () => {
    const { u, token } = await mailedNominator();
    const [id, , signature] = token.split(".");
    const bad = [
      `${token.slice(0, -2)}xx`,
      `${id}.results.${signature}`,
      "00000000-0000-0000-0000-000000000000.nominations.abc",
      "nonsense",
      "",
    ];
    const before = await getDb().selectFrom("notice_preference").selectAll().where("email", "=", u.email).execute();
    for (const t of bad) {
      const q = `/afmelden?token=${encodeURIComponent(t)}`;
      const get = await app.request(q);
      expect(get.status).toBe(400);
      expect(await get.text()).toContain("Deze afmeldlink klopt niet");
      const post = await app.request(q, { form: { token: t } });
      expect(post.status).toBe(400);
      expect(await post.text()).toContain("Deze afmeldlink klopt niet");
    }
    const en = await app.request(`/afmelden?token=${encodeURIComponent(bad[0]!)}`, { headers: { cookie: "lauwer_lang=en" } });
    expect(await en.text()).toContain("This unsubscribe link is not right");
    expect(await getDb().selectFrom("notice_preference").selectAll().where("email", "=", u.email).execute()).toEqual(before);
    // The page's own button (same origin) may carry the token in the form alone.
    const button = await app.request("/afmelden", { form: { token } });
    expect(button.status).toBe(303);
    expect(button.headers.get("location")).toContain(`token=${encodeURIComponent(token)}`);
    expect((await preferencesOf(getDb(), u.email)).nominations).toBe(false);
  });

  it("the account page saves a choice per topic; sign-up can follow the awards", async () => {
    const u = await userWithLocale("nl");
    const cookie = await sessionFor(u.id);
    const res = await app.request("/account?intent=notices", { headers: { cookie }, form: { votes: "true", jury: "true" } });
    expect(res.status).toBe(303);
    expect(await preferencesOf(getDb(), u.email)).toEqual({
      nominations: false,
      nominee: true,
      votes: true,
      results: false,
      jury: true,
      book: false,
    });
    const page = await (await app.request("/account", { headers: { cookie } })).text();
    expect(page).toContain("Berichten per e-mail");

    const email = uniqueEmail("volger");
    const signup = await app.request("/registreren", {
      form: { name: "Volger", email, organisation: "", password: "een lang en sterk wachtwoord 42", follow: "true" },
    });
    expect(signup.status).toBe(303);
    const prefs = await preferencesOf(getDb(), email);
    expect([prefs.votes, prefs.results]).toEqual([true, true]);
  });

  it("organizers set the ceremony and the jury reminder days in the edition settings; bad input is refused and changes nothing", async () => {
    const e = await createEdition();
    const org = await createUser();
    await getDb()
      .insertInto("role_grant")
      .values({ user_id: org.id, role: "organizer", award_id: e.awardId, edition_id: null, book_project_id: null })
      .execute();
    const cookie = await sessionFor(org.id);
    const page = `/beheer/prijzen/${e.slug}/2026/procedure?intent=settings`;
    const form = {
      formId: "settings",
      nomineeKind: "person",
      opensAt: "2099-03-01T09:00",
      closesAt: "2099-04-01T17:00",
      perMember: "3",
      ceremonyAt: "2099-12-18T19:30",
      ceremonyPlace: "Nieuwspoort, Den Haag",
      juryReminderDays: "5",
    };
    for (const [field, value, message] of [
      ["juryReminderDays", "31", "Vul een aantal dagen in van 0 tot en met 30."],
      ["juryReminderDays", "drie", "Vul een aantal dagen in van 0 tot en met 30."],
      ["ceremonyAt", "2099-02-31T19:30", ""],
      ["ceremonyPlace", "x".repeat(201), "Gebruik hooguit 200 tekens."],
    ] as const) {
      const bad = await app.request(page, { form: { ...form, [field]: value }, headers: { cookie } });
      expect(bad.status).toBe(400);
      if (message) expect(await bad.text()).toContain(message);
    }
    const unchanged = await getDb().selectFrom("edition").selectAll().where("id", "=", e.editionId).executeTakeFirstOrThrow();
    expect([unchanged.ceremony_at, unchanged.ceremony_place, unchanged.jury_reminder_days]).toEqual([null, "", 3]);

    expect((await app.request(page, { form, headers: { cookie } })).status).toBe(302);
    const saved = await getDb().selectFrom("edition").selectAll().where("id", "=", e.editionId).executeTakeFirstOrThrow();
    expect([saved.ceremony_at?.toISOString(), saved.ceremony_place, saved.jury_reminder_days]).toEqual([
      "2099-12-18T18:30:00.000Z",
      "Nieuwspoort, Den Haag",
      5,
    ]);
    const about = await (await app.request(`/prijzen/${e.slug}/2026`)).text();
    expect(about).toContain("Uitreiking: 18 december 2099 om 19:30, Nieuwspoort, Den Haag");
  });

  it("organizers see the edition's sent notices; other members are refused", async () => {
    const { e, u } = await mailedNominator();
    const org = await createUser();
    await getDb()
      .insertInto("role_grant")
      .values({ user_id: org.id, role: "organizer", award_id: e.awardId, edition_id: null, book_project_id: null })
      .execute();
    const page = await app.request(`/beheer/prijzen/${e.slug}/2026/berichten`, { headers: { cookie: await sessionFor(org.id) } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Nominatie toegelaten (aan nominator)");
    expect(html).toContain(u.email);
    const member = await app.request(`/beheer/prijzen/${e.slug}/2026/berichten`, { headers: { cookie: await sessionFor(u.id) } });
    expect(member.status).toBe(403);
  });
});
