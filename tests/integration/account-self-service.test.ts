// The self-service account (#16 item 3): download my data, delete my account, sessions, name and
// organisation, change of e-mail address. Through the real built app on real PostgreSQL; every bad
// input is answered with a translated message and changes nothing.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { translator } from "~/i18n/i18n";
import { BY_ACCOUNT, BY_ADDRESS } from "~/modules/accounts/data-export.server";
import { castBallot } from "~/modules/voting/ballot.server";
import { candidateSource, loadVotingRound, tally } from "~/modules/voting/round.server";
import { createBookProject, insertProposal } from "../setup/book-proposals";
import { assignDirectly, createWritingProject } from "../setup/book-writing";
import { createUser, grantAdmin, lastMailTo, linkFrom, PASSWORD, uniqueEmail } from "../setup/factories";
import { sessionCookieFrom, startTestServer, type TestServer } from "../setup/http";
import { createVoteRound, sessionFor } from "../setup/voting";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

const nl = translator("nl");
const db = () => getDb();
// The page escapes quotes; compare with what a reader sees.
const unescape = (html: string) =>
  html
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

async function vote(
  round: Awaited<ReturnType<typeof createVoteRound>>,
  categoryId: string,
  nominee: string,
  user?: { id: string; email: string; name: string },
) {
  const u = user ?? (await createUser());
  const loaded = await loadVotingRound(db(), round.editionId, "1");
  const r = await castBallot(db(), {
    round: loaded,
    sourceRoundId: await candidateSource(db(), loaded),
    categoryId,
    voter: { id: u.id, email: u.email, name: u.name, locale: "nl", emailVerified: true },
    choices: [nominee],
    ip: null,
    device: null,
    mail: { award: "x", category: "y", link: "z" },
  });
  if (!r.ok) throw new Error(`vote refused: ${r.error}`);
  return u;
}

async function tallyOf(editionId: string) {
  const loaded = await loadVotingRound(db(), editionId, "1");
  const { perCategory } = await tally(db(), loaded);
  return Object.fromEntries([...perCategory.values()].flat().map((r) => [r.nomineeId, r.votes]));
}

const sessionsOf = (userId: string) => db().selectFrom("user_session").select("id").where("user_id", "=", userId).execute();

describe("download my data", () => {
  it("covers every column that refers to an account, read from PostgreSQL's catalogue", async () => {
    const fks = await sql<{ t: string; c: string }>`
      select cl.relname as t, a.attname as c from pg_constraint con
      join pg_class cl on cl.oid = con.conrelid
      join pg_namespace ns on ns.oid = cl.relnamespace and ns.nspname = 'public'
      join pg_attribute a on a.attrelid = con.conrelid and a.attnum = any(con.conkey)
      where con.contype = 'f' and con.confrelid = 'public.app_user'::regclass`.execute(db());
    expect(fks.rows.length).toBeGreaterThan(20);
    const exported = new Set(BY_ACCOUNT.map((s) => `${s.table}.${s.column}`));
    const missing = fks.rows.map((r) => `${r.t}.${r.c}`).filter((fk) => !exported.has(fk));
    expect(missing, "foreign keys to app_user that the data export leaves out (add them to BY_ACCOUNT)").toEqual([]);
  });

  it("covers every column that holds a person's e-mail address", async () => {
    const columns = await sql<{ t: string; c: string }>`
      select c.table_name as t, c.column_name as c from information_schema.columns c
      join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name and tb.table_type = 'BASE TABLE'
      where c.table_schema = 'public' and (c.column_name ~ 'e_?mail' or c.column_name in ('recipient', 'to_address', 'account'))
        and c.data_type in ('text', 'character varying')`.execute(db());
    // The account's own address is the export's `account`; the statements' addresses are the organisation's.
    const notAPerson = new Set(["app_user.email", "legal_settings.contact_email", "legal_settings.dpo_email"]);
    const exported = new Set(BY_ADDRESS.map((s) => `${s.table}.${s.column}`));
    const missing = columns.rows.map((r) => `${r.t}.${r.c}`).filter((col) => !notAPerson.has(col) && !exported.has(col));
    expect(columns.rows.length).toBeGreaterThan(5);
    expect(missing, "address columns the data export leaves out (add them to BY_ADDRESS)").toEqual([]);
  });

  it("gives the signed-in person their ballots with receipts, proposals, comments, sessions and preferences, and no secrets", async () => {
    const round = await createVoteRound({ categories: 1, candidatesPerCategory: 2 });
    const category = round.categoryIds[0]!;
    const me = await createUser({ name: "Mira Downloader" });
    const other = await vote(round, category, round.candidates[category]![1]!);
    await vote(round, category, round.candidates[category]![0]!, me);
    const myBallot = await db().selectFrom("ballot").select("receipt_code").where("voter_id", "=", me.id).executeTakeFirstOrThrow();
    const otherBallot = await db().selectFrom("ballot").select("receipt_code").where("voter_id", "=", other.id).executeTakeFirstOrThrow();
    const book = await createBookProject();
    const proposal = await insertProposal(book, { name: "Jacoba Exportvoorbeeld", proposerId: me.id });
    await db()
      .insertInto("book_comment")
      .values({ proposal_id: proposal, author_id: me.id, body: "Mijn reactie om te downloaden" })
      .execute();
    await db().insertInto("book_endorsement").values({ proposal_id: proposal, user_id: me.id }).execute();
    await db().insertInto("notice_preference").values({ email: me.email, topic: "results", enabled: false }).execute();
    const cookie = await sessionFor(me.id);

    const res = await app.request("/account/mijn-gegevens.json", { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="lauwer-mijn-gegevens-/);
    const text = await res.text();
    const data = JSON.parse(text);
    expect(data.account.email).toBe(me.email);
    expect(data.account.name).toBe("Mira Downloader");
    expect(data.byAccount["ballot.voter_id"].map((b: { receipt_code: string }) => b.receipt_code)).toEqual([myBallot.receipt_code]);
    expect(data.ballotChoices).toHaveLength(1);
    expect(data.byAccount["book_proposal.proposer_id"][0].name).toBe("Jacoba Exportvoorbeeld");
    expect(data.byAccount["book_comment.author_id"][0].body).toBe("Mijn reactie om te downloaden");
    expect(data.byAccount["book_endorsement.user_id"]).toHaveLength(1);
    expect(data.byAccount["user_session.user_id"]).toHaveLength(1);
    expect(data.byAddress["notice_preference.email"]).toEqual([expect.objectContaining({ topic: "results", enabled: false })]);
    // The receipt mail is listed without its contents.
    expect(data.byAddress["outbox_email.to_address"].length).toBeGreaterThan(0);
    // No secrets, and nobody else's data.
    const sessionId = cookie.split("=")[1]!;
    const user = await db().selectFrom("app_user").select("password_hash").where("id", "=", me.id).executeTakeFirstOrThrow();
    expect(text).not.toContain(sessionId);
    expect(text).not.toContain(user.password_hash);
    expect(text).not.toContain("password_hash");
    expect(text).not.toContain("token_hash");
    expect(text).not.toContain(otherBallot.receipt_code);
    expect(text).not.toContain(other.email);
  });

  it("sends a visitor to the login page", async () => {
    const res = await app.request("/account/mijn-gegevens.json");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/inloggen\?redirectTo=/);
  });
});

describe("delete my account", () => {
  const post = (cookie: string, form: Record<string, string>) =>
    app.request("/account/verwijderen?intent=delete", { headers: { cookie }, form });

  it("explains first what happens, with the person's own numbers and their assigned portrait", async () => {
    const f = await createWritingProject({ portraits: 1 });
    const me = await createUser();
    await db()
      .insertInto("book_author")
      .values({ project_id: f.projectId, user_id: me.id, bio: "Schrijver van portretten.", capacity: 1 })
      .execute();
    await assignDirectly(f, f.portraits[0]!, me.id);
    const portrait = await db().selectFrom("book_proposal").select("name").where("id", "=", f.portraits[0]!).executeTakeFirstOrThrow();
    const round = await createVoteRound({ categories: 1, candidatesPerCategory: 1 });
    const asCandidate = round.candidates[round.categoryIds[0]!]![0]!;
    await db().updateTable("nominee").set({ contact_email: me.email }).where("id", "=", asCandidate).execute();
    const res = await app.request("/account/verwijderen", { headers: { cookie: await sessionFor(me.id) } });
    expect(res.status).toBe(200);
    const html = unescape(await res.text());
    expect(html).toContain(nl("accounts.delete.intro"));
    expect(html).toContain(nl("accounts.delete.nominated"));
    expect(html).toContain(nl("accounts.delete.portraits", { names: portrait.name }));
    expect(html).toContain(nl("accounts.delete.submit"));
  });

  it("keeps ballots counted but unlinked, shows a deleted member, releases the portrait, in one go; tallies unchanged", async () => {
    const round = await createVoteRound({ categories: 1, candidatesPerCategory: 2 });
    const category = round.categoryIds[0]!;
    const [a, b] = round.candidates[category]!;
    const me = await createUser({ name: "Vera Vertrekker" });
    await vote(round, category, a!, me);
    await vote(round, category, a!);
    await vote(round, category, b!);
    const before = await tallyOf(round.editionId);
    expect(before).toEqual({ [a!]: 2, [b!]: 1 });

    const f = await createWritingProject({ portraits: 1 });
    await db()
      .insertInto("book_author")
      .values({ project_id: f.projectId, user_id: me.id, bio: "Schrijver van portretten.", capacity: 1 })
      .execute();
    await assignDirectly(f, f.portraits[0]!, me.id);
    const book = await createBookProject();
    const proposal = await insertProposal(book, { proposerId: me.id });
    await db().insertInto("book_comment").values({ proposal_id: proposal, author_id: me.id, body: "Een reactie van Vera" }).execute();
    await db().insertInto("notice_preference").values({ email: me.email, topic: "results", enabled: true }).execute();
    const cookie = await sessionFor(me.id);
    await sessionFor(me.id);

    const res = await post(cookie, { password: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/inloggen?melding=accounts.delete.done");
    expect(sessionCookieFrom(res)).toBeUndefined(); // the cookie is cleared

    expect(await tallyOf(round.editionId)).toEqual(before);
    const ballots = await db().selectFrom("ballot").select(["voter_id", "voided_at"]).where("round_id", "=", round.roundId).execute();
    expect(ballots).toHaveLength(3);
    expect(ballots.filter((x) => x.voter_id === null && x.voided_at === null)).toHaveLength(1);
    expect(await db().selectFrom("app_user").select("id").where("id", "=", me.id).executeTakeFirst()).toBeUndefined();
    expect(await sessionsOf(me.id)).toEqual([]);
    expect(
      await db().selectFrom("book_assignment").select("user_id").where("proposal_id", "=", f.portraits[0]!).executeTakeFirst(),
    ).toBeUndefined();
    const released = await db()
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", f.portraits[0]!)
      .where("action", "=", "book.unassign")
      .executeTakeFirst();
    expect(released).toBeDefined();
    const kept = await db().selectFrom("book_proposal").select("proposer_id").where("id", "=", proposal).executeTakeFirstOrThrow();
    expect(kept.proposer_id).toBeNull();
    expect(await db().selectFrom("notice_preference").select("email").where("email", "=", me.email).execute()).toEqual([]);
    expect((await lastMailTo(me.email))?.template).toBe("accounts.deleted");

    // The proposal's page names a deleted member where the proposer was.
    const page = await app.request(`/boek/${book.slug}/voordrachten/${proposal}`);
    expect(page.status).toBe(200);
    const html = unescape(await page.text());
    expect(html).toContain("Een reactie van Vera");
    expect(html).toContain(nl("bookProposals.detail.formerMember"));
    expect(nl("bookProposals.detail.formerMember")).toBe("een verwijderd lid");
  });

  it("refuses a wrong or missing password with a translated message and changes nothing", async () => {
    const me = await createUser();
    const cookie = await sessionFor(me.id);
    for (const [form, message] of [
      [{ password: "niet mijn wachtwoord hoor" }, nl("accounts.errors.wrongCurrentPassword")],
      [{}, nl("forms.named.required", { label: nl("accounts.delete.password") })],
    ] as const) {
      const res = await post(cookie, form);
      expect(res.status).toBe(400);
      expect(unescape(await res.text())).toContain(message);
    }
    expect(await db().selectFrom("app_user").select("id").where("id", "=", me.id).executeTakeFirst()).toBeDefined();
    expect(await sessionsOf(me.id)).toHaveLength(1);
  });

  // A juror with scores and an author with written portraits: the deletion finishes and keeps what an
  // outcome rests on (account-deletion.test.ts).

  it("refuses the platform's only admin", async () => {
    // Other test files of this worker may have made admins: they step aside for this test (files run one at a time per worker).
    const others = await db().deleteFrom("role_grant").where("role", "=", "admin").returningAll().execute();
    const me = await createUser();
    await grantAdmin(me.id);
    const res = await post(await sessionFor(me.id), { password: PASSWORD });
    await db().deleteFrom("role_grant").where("user_id", "=", me.id).execute();
    if (others.length) await db().insertInto("role_grant").values(others).execute();
    expect(res.status).toBe(409);
    expect(unescape(await res.text())).toContain(nl("accounts.delete.errors.onlyAdmin"));
    expect(await db().selectFrom("app_user").select("id").where("id", "=", me.id).executeTakeFirst()).toBeDefined();
  });
});

describe("sessions", () => {
  it("lists the sessions without their ids, signs out one other and everywhere else, never this one", async () => {
    const me = await createUser();
    const stranger = await createUser();
    const current = await sessionFor(me.id);
    const [second, third] = [await sessionFor(me.id), await sessionFor(me.id)];
    const strangers = await sessionFor(stranger.id);
    const page = await app.request("/account/sessies", { headers: { cookie: current } });
    expect(page.status).toBe(200);
    const html = unescape(await page.text());
    for (const c of [current, second, third]) expect(html).not.toContain(c.split("=")[1]!);
    const handles = [...html.matchAll(/name="session" value="([0-9a-f]{32})"/g)].map((m) => m[1]!);
    expect(handles).toHaveLength(2); // the other two; this browser's own has no button

    // Bad handles: a malformed one, a stranger's session's handle — a translated message, nothing ends.
    const strangerHandle = (
      await sql<{ h: string }>`select substr(encode(sha256(convert_to(${strangers.split("=")[1]!}, 'UTF8')), 'hex'), 1, 32) as h`.execute(
        db(),
      )
    ).rows[0]!.h;
    for (const session of ["x", strangerHandle]) {
      const res = await app.request("/account/sessies?intent=end", { headers: { cookie: current }, form: { session } });
      expect(res.status).toBe(session === "x" ? 400 : 404);
      expect(unescape(await res.text())).toContain(nl("accounts.errors.sessionGone"));
    }
    expect(await sessionsOf(me.id)).toHaveLength(3);
    expect(await sessionsOf(stranger.id)).toHaveLength(1);

    const one = await app.request("/account/sessies?intent=end", { headers: { cookie: current }, form: { session: handles[0]! } });
    expect(one.status).toBe(303);
    expect(one.headers.get("location")).toBe("/account/sessies?melding=accounts.sessions.ended");
    expect(await sessionsOf(me.id)).toHaveLength(2);
    const rest = await app.request("/account/sessies?intent=endOthers", { headers: { cookie: current }, form: {} });
    expect(rest.status).toBe(303);
    expect((await sessionsOf(me.id)).map((s) => `lauwer_session=${s.id}`)).toEqual([current]);
    expect(await sessionsOf(stranger.id)).toHaveLength(1);
  });
});

describe("name and organisation", () => {
  it("saves them, and refuses an empty or too long name with a translated message, changing nothing", async () => {
    const me = await createUser({ name: "Oude Naam" });
    const cookie = await sessionFor(me.id);
    for (const [form, key] of [
      [{ name: "  ", organisation: "X" }, "errors.required"],
      [{ name: "a".repeat(201), organisation: "X" }, "errors.nameLength"],
      [{ name: "Nieuw", organisation: "o".repeat(201) }, "errors.organisationLength"],
    ] as const) {
      const res = await app.request("/account/gegevens?intent=profile", { headers: { cookie }, form: { ...form, formId: "profile" } });
      expect(res.status).toBe(400);
      const html = unescape(await res.text());
      expect(html).toContain(key === "errors.required" ? nl("forms.named.required", { label: nl("fields.name") }) : nl(key));
    }
    let row = await db().selectFrom("app_user").select(["name", "organisation"]).where("id", "=", me.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: "Oude Naam", organisation: "Gemeente Test" });
    const res = await app.request("/account/gegevens?intent=profile", {
      headers: { cookie },
      form: { name: " Nieuwe Naam ", organisation: "Provincie Zeeland" },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/account?melding=accounts.profile.saved");
    row = await db().selectFrom("app_user").select(["name", "organisation"]).where("id", "=", me.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: "Nieuwe Naam", organisation: "Provincie Zeeland" });
  });
});

describe("password", () => {
  it("offers an account made through single sign-on (no password) a link to set one, not a change form it cannot pass", async () => {
    const me = await createUser();
    const cookie = await sessionFor(me.id);
    const withPassword = unescape(await (await app.request("/account", { headers: { cookie } })).text());
    expect(withPassword).toContain(nl("accounts.password.current"));
    expect(withPassword).not.toContain(nl("accounts.password.noneYet"));

    await db().updateTable("app_user").set({ password_hash: null }).where("id", "=", me.id).execute();
    const without = unescape(await (await app.request("/account", { headers: { cookie } })).text());
    expect(without).toContain(nl("accounts.password.noneYet"));
    expect(without).toContain('href="/wachtwoord-vergeten"');
    expect(without).not.toContain(nl("accounts.password.current"));
  });
});

describe("change of e-mail address", () => {
  const request = (cookie: string, form: Record<string, string>) =>
    app.request("/account/gegevens?intent=email", { headers: { cookie }, form: { ...form, formId: "email" } });
  const confirm = (token: string) => app.request("/e-mail-bevestigen?wijziging=1&intent=change", { form: { token } });
  const addressOf = async (id: string) =>
    (await db().selectFrom("app_user").select("email").where("id", "=", id).executeTakeFirstOrThrow()).email;

  it("changes the address only through the link mailed to the new one, and tells the old one", async () => {
    const me = await createUser();
    const cookie = await sessionFor(me.id);
    const next = uniqueEmail("nieuw");
    await db().insertInto("notice_preference").values({ email: me.email, topic: "results", enabled: false }).execute();
    const res = await request(cookie, { newEmail: next.toUpperCase(), password: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/account?melding=accounts.email.sent");
    expect(await addressOf(me.id)).toBe(me.email);
    const mail = await lastMailTo(next);
    expect(mail?.template).toBe("accounts.emailChangeConfirm");
    const link = linkFrom(mail!.body_text);
    expect(link.pathname).toBe("/e-mail-bevestigen");
    const token = link.searchParams.get("token")!;
    // Opening the link shows a button only (mail scanners must not use the token up).
    const opened = await app.request(`${link.pathname}${link.search}`);
    expect(unescape(await opened.text())).toContain(nl("accounts.email.confirmIntro"));
    expect(await addressOf(me.id)).toBe(me.email);

    const done = await confirm(token);
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/inloggen?melding=accounts.email.changed");
    expect(await addressOf(me.id)).toBe(next);
    const told = await lastMailTo(me.email);
    expect(told?.template).toBe("accounts.emailChanged");
    expect(told?.body_text).toContain(next);
    const prefs = await db().selectFrom("notice_preference").select(["email", "enabled"]).where("email", "in", [me.email, next]).execute();
    expect(prefs).toEqual([{ email: next, enabled: false }]);

    // Single use.
    const again = await confirm(token);
    expect(again.status).toBe(400);
    expect(unescape(await again.text())).toContain(nl("accounts.email.errors.invalidLink"));
  });

  it("refuses a wrong password, the same address, a malformed address and a bad link, changing nothing", async () => {
    const me = await createUser();
    const cookie = await sessionFor(me.id);
    for (const [form, key, status] of [
      [{ newEmail: uniqueEmail(), password: "niet het wachtwoord" }, "accounts.errors.wrongCurrentPassword", 400],
      [{ newEmail: me.email, password: PASSWORD }, "accounts.email.errors.same", 400],
      [{ newEmail: "geen-adres", password: PASSWORD }, "errors.email", 400],
    ] as const) {
      const res = await request(cookie, form);
      expect(res.status).toBe(status);
      expect(unescape(await res.text())).toContain(nl(key));
    }
    const blank = await request(cookie, { newEmail: uniqueEmail() });
    expect(blank.status).toBe(400);
    expect(unescape(await blank.text())).toContain(nl("forms.named.required", { label: nl("accounts.email.password") }));
    for (const token of ["kort", "x".repeat(43)]) {
      const res = await confirm(token);
      expect(res.status).toBe(400);
      expect(unescape(await res.text())).toContain(nl("accounts.email.errors.invalidLink"));
    }
    expect(await addressOf(me.id)).toBe(me.email);
    expect(await db().selectFrom("email_change_token").select("user_id").where("user_id", "=", me.id).execute()).toEqual([]);
  });

  it("does not tell whether the new address has an account: its owner is mailed instead", async () => {
    const me = await createUser();
    const taken = await createUser();
    const res = await request(await sessionFor(me.id), { newEmail: taken.email, password: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/account?melding=accounts.email.sent");
    expect((await lastMailTo(taken.email))?.template).toBe("accounts.emailChangeTaken");
    expect(await db().selectFrom("email_change_token").select("user_id").where("user_id", "=", me.id).execute()).toEqual([]);
    expect(await addressOf(me.id)).toBe(me.email);
  });
});
