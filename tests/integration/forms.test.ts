import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { translator } from "~/i18n/i18n";
import { suggestProposals } from "~/modules/book/proposal.server";
import { createBookProject, insertProposal, proposalForm } from "../setup/book-proposals";
import { createEdition, createUser, grantAdmin } from "../setup/factories";
import { startTestServer, type TestServer } from "../setup/http";
import { signIn } from "../setup/second-factor";
import { createJuryRound } from "../setup/jury";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

const t = translator("nl");
const db = () => getDb();
/** Text as React escapes it in HTML. */
const html = (text: string) => text.replace(/&/g, "&amp;").replace(/'/g, "&#x27;").replace(/"/g, "&quot;");
const cookieFor = (email: string) => signIn(app, email);

describe("portrait proposal duplicates need more than a shared first name", () => {
  it("does not hold 'Coenraad Zzqxwvbn' against other Coenraads, and still finds real near-duplicates", async () => {
    const f = await createBookProject();
    const coenraads = ["Coenraad Jansen", "Coenraad de Vries", "Coenraad Pietersen", "Coenraad van Bergen"];
    const ids: Record<string, string> = {};
    for (const name of coenraads) ids[name] = await insertProposal(f, { name });
    // Born 1798, as the proposal form's Thorbecke (insertProposal: birth year = service start − 25).
    const thorbecke = await insertProposal(f, { name: "Johan Rudolph Thorbécke", serviceFrom: 1823 });

    // The premise: on whole names alone, trigram similarity holds these as alike (the rule that listed them).
    const alike = await sql<{ n: number }>`select count(*)::int as n from book_proposal
      where project_id = ${f.projectId} and similarity(lauwer_fold(name), lauwer_fold('Coenraad Zzqxwvbn')) > 0.3`.execute(db());
    expect(alike.rows[0]!.n).toBeGreaterThan(0);

    expect(await suggestProposals(db(), f.projectId, "Coenraad Zzqxwvbn")).toEqual([]);
    const json = (await (await app.request(`${f.base}/suggesties?naam=${encodeURIComponent("Coenraad Zzqxwvbn")}`)).json()) as {
      suggestions: unknown[];
    };
    expect(json.suggestions).toEqual([]);
    // Submitted, it is stored at once: no "is this the same person?" stop.
    const res = await app.request(`${f.base}/nieuw`, {
      form: proposalForm(f, { name: "Coenraad Zzqxwvbn" }),
      headers: { cookie: f.member.cookie },
    });
    expect(res.status).toBe(303);
    expect(await db().selectFrom("book_proposal").select("id").where("name", "=", "Coenraad Zzqxwvbn").execute()).toHaveLength(1);

    // Real near-duplicates are still found: a spelling variant of the surname, another spelling of a first name.
    const near = await suggestProposals(db(), f.projectId, "Coenraad Janssen");
    expect(near.map((s) => s.id)).toEqual([ids["Coenraad Jansen"]]);
    expect((await suggestProposals(db(), f.projectId, "Johan Rudolf Thorbecke")).map((s) => s.id)).toEqual([thorbecke]);
    // A one-word search still matches a word of a longer name.
    expect((await suggestProposals(db(), f.projectId, "thorbecke")).map((s) => s.id)).toEqual([thorbecke]);
    // A close name submitted without confirmation is stopped with the match (409), nothing stored.
    const stopped = await app.request(`${f.base}/nieuw`, {
      form: proposalForm(f, { name: "Johan Rudolf Thorbecke" }),
      headers: { cookie: f.member.cookie },
    });
    expect(stopped.status).toBe(409);
    expect(await stopped.text()).toContain(`href="${f.base}/${thorbecke}"`);
  });

  it("leaves out proposals born years apart when a birth year is given", async () => {
    const f = await createBookProject();
    // insertProposal gives a birth year of 1825.
    const id = await insertProposal(f, { name: "Pieter Caland" });
    expect((await suggestProposals(db(), f.projectId, "Pieter Calandt", { birthYear: 1826 })).map((s) => s.id)).toEqual([id]);
    expect(await suggestProposals(db(), f.projectId, "Pieter Calandt", { birthYear: 1870 })).toEqual([]);
    expect((await suggestProposals(db(), f.projectId, "Pieter Calandt")).map((s) => s.id)).toEqual([id]);
  });
});

describe("publishing the results before the rounds have closed", () => {
  it("without a prize, says so instead of offering the button, and refuses a post (nothing published)", async () => {
    const f = await createJuryRound({ categories: 1, vote: { opensIn: -60, closesIn: 3600 } });
    const admin = `/beheer/prijzen/${f.slug}/2026/uitslag`;
    const page = await (await app.request(admin, { headers: { cookie: f.organizer.cookie } })).text();
    expect(page).toContain(html(t("forms.publish.noPrizes")));
    expect(page).not.toContain(`>${t("results.admin.publish")}</button>`);
    const res = await app.request(`${admin}?intent=publish`, { form: { reason: "" }, headers: { cookie: f.organizer.cookie } });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain(html(t("forms.errors.publishNoPrizes")));
    expect(await db().selectFrom("result_snapshot").select("id").where("edition_id", "=", f.editionId).execute()).toHaveLength(0);
  });

  it("explains which rounds are open instead of offering the button, and refuses a post with the page", async () => {
    const f = await createJuryRound({ categories: 1, vote: { opensIn: -60, closesIn: 3600 } });
    const admin = `/beheer/prijzen/${f.slug}/2026/uitslag`;
    const add = await app.request(`${admin}?intent=prize`, {
      form: { kind: "public", nameNl: "Publieksprijs", nameEn: "Public prize", voteRound: "1", places: "1" },
      headers: { cookie: f.organizer.cookie },
    });
    expect(add.status).toBe(303);

    const page = await (await app.request(admin, { headers: { cookie: f.organizer.cookie } })).text();
    expect(page).toContain(html(t("forms.publish.notYet")));
    expect(page).toMatch(/Ronde 1\. [^<]+ sluit op [^<]+\(voor: Publieksprijs\)/);
    expect(page).not.toContain(`action="${admin}?intent=publish"`);
    expect(page).not.toContain(`>${t("results.admin.publish")}</button>`);

    // Posted anyway: a translated refusal with the page (409), nothing published.
    const res = await app.request(`${admin}?intent=publish`, { form: { reason: "" }, headers: { cookie: f.organizer.cookie } });
    expect(res.status).toBe(409);
    const refused = await res.text();
    expect(refused).toContain(html(t("forms.errors.publishNotYet")));
    expect(refused).toContain(html(t("forms.publish.notYet")));
    expect(await db().selectFrom("result_snapshot").select("id").where("edition_id", "=", f.editionId).execute()).toHaveLength(0);

    // Once the round has closed (another edition, its vote closing a few seconds from now), the button is offered.
    const g = await createJuryRound({ categories: 1, vote: { opensIn: -60, closesIn: 2 } });
    for (;;) {
      const { rows } = await sql<{ closed: boolean }>`select closes_at <= now() as closed from round
        where edition_id = ${g.editionId} and position = 1`.execute(db());
      if (rows[0]!.closed) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const other = `/beheer/prijzen/${g.slug}/2026/uitslag`;
    await app.request(`${other}?intent=prize`, {
      form: { kind: "public", nameNl: "Publieksprijs", nameEn: "Public prize", voteRound: "1", places: "1" },
      headers: { cookie: g.organizer.cookie },
    });
    const open = await (await app.request(other, { headers: { cookie: g.organizer.cookie } })).text();
    expect(open).not.toContain(html(t("forms.publish.notYet")));
    expect(open).toContain(`>${t("results.admin.publish")}</button>`);
  });
});

describe("error messages name their field, with a summary above the form", () => {
  it("a nomination without a category is refused by name; the summary links to each field", async () => {
    const e = await createEdition();
    const member = await createUser();
    const cookie = await cookieFor(member.email);
    const base = `/prijzen/${e.slug}/2026/nomineren`;
    // The category starts empty.
    const form = await (await app.request(base, { headers: { cookie } })).text();
    expect(form).toMatch(/<select[^>]*id="field-categoryId"[^>]*><option[^>]*value="" selected="">Kies een categorie<\/option>/);

    const res = await app.request(base, {
      form: { categoryId: "", name: "", organisation: "", email: "", motivation: "", relation: "" },
      headers: { cookie },
    });
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toContain(`id="error-summary"`);
    expect(body).toContain(t("forms.summary.heading"));
    for (const [field, key] of [
      ["categoryId", "forms.errors.categoryRequired"],
      ["name", "forms.errors.nomineeNameRequired"],
      ["organisation", "forms.errors.organisationRequired"],
      ["email", "forms.errors.nomineeEmailRequired"],
      ["motivation", "forms.errors.motivationRequired"],
      ["relation", "forms.errors.relationRequired"],
    ] as const) {
      expect(body, field).toContain(`href="#field-${field}">${html(t(key))}</a>`);
      expect(body, field).toMatch(new RegExp(`id="field-${field}-error"[^>]*>${html(t(key)).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}<`));
    }
    expect(
      Number(
        (
          await sql<{
            n: string;
          }>`select count(*) as n from nomination n join nominee e on e.id = n.nominee_id where e.edition_id = ${e.editionId}`.execute(db())
        ).rows[0]!.n,
      ),
    ).toBe(0);
  });

  it("a role grant without a scope is refused by name and grants nothing", async () => {
    const admin = await createUser();
    await grantAdmin(admin.id);
    const cookie = await cookieFor(admin.email);
    const user = await createUser();
    const res = await app.request("/beheer/rollen", { form: { email: user.email, role: "jury", scope: "" }, headers: { cookie } });
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toContain(`href="#field-scope">${html(t("forms.errors.scopeRequired"))}</a>`);
    expect(await db().selectFrom("role_grant").select("id").where("user_id", "=", user.id).execute()).toHaveLength(0);
  });
});
