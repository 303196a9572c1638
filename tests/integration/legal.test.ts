import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { LOCALE_COOKIE, translator } from "~/i18n/i18n";
import type { LegalSettingsInput } from "~/modules/legal/settings.schema";
import { getLegalSettings, saveLegalSettings } from "~/modules/legal/settings.server";
import { createUser, grantAdmin } from "../setup/factories";
import { startTestServer, type TestServer } from "../setup/http";
import { signIn } from "../setup/second-factor";

let app: TestServer;
let adminCookie: string;
let memberCookie: string;
let adminId: string;

beforeAll(async () => {
  app = await startTestServer();
  const admin = await createUser();
  await grantAdmin(admin.id);
  adminId = admin.id;
  const member = await createUser();
  adminCookie = await signIn(app, admin.email);
  memberCookie = await signIn(app, member.email);
});
afterAll(() => app.close());

const valid: LegalSettingsInput = {
  organisation: "Gemeente Voorbeeldstad",
  controller: "Het college van burgemeester en wethouders van Voorbeeldstad",
  contactEmail: "Privacy@Voorbeeldstad.NL",
  postalAddress: "Postbus 1, 1000 AA Voorbeeldstad",
  dpoName: "Frits Functionaris",
  dpoEmail: "fg@voorbeeldstad.nl",
  statementDate: "2026-11-30",
  lastCheckDate: "2026-11-28",
  compliance: "initial",
  limitationsNl: "Grafieken zonder tekstalternatief; opgelost vóór 1 maart 2027.",
  limitationsEn: "Charts without a text alternative; fixed before 1 March 2027.",
};

const auditCount = async () =>
  Number(
    (
      await getDb()
        .selectFrom("audit_log")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("action", "=", "legal.settings.update")
        .executeTakeFirstOrThrow()
    ).n,
  );

const post = (cookie: string, form: Record<string, string>) => app.request("/beheer/instellingen", { form, headers: { cookie } });

describe("legal settings", () => {
  it("an admin saves them: stored, audited with before and after, and shown on both statements in NL and EN", async () => {
    const before = await getLegalSettings(getDb());
    const audits = await auditCount();
    const res = await post(adminCookie, valid);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toContain("/beheer/instellingen");

    const saved = await getLegalSettings(getDb());
    expect(saved).toEqual({ ...valid, contactEmail: "privacy@voorbeeldstad.nl" });
    const row = await getDb().selectFrom("legal_settings").select("updated_by").executeTakeFirstOrThrow();
    expect(row.updated_by).toBe(adminId);

    expect(await auditCount()).toBe(audits + 1);
    const audit = await getDb()
      .selectFrom("audit_log")
      .select(["actor_id", "before", "after", "entity_type"])
      .where("action", "=", "legal.settings.update")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(adminId);
    expect(audit.entity_type).toBe("legal_settings");
    expect(audit.before).toMatchObject({ organisation: before.organisation });
    expect(audit.after).toMatchObject({ organisation: valid.organisation, compliance: "initial" });

    const privacy = await (await app.request("/privacy")).text();
    expect(privacy).toContain("Het college van burgemeester en wethouders van Voorbeeldstad");
    expect(privacy).toContain("mailto:privacy@voorbeeldstad.nl");
    expect(privacy).toContain("Frits Functionaris");
    expect(privacy).toContain("30 november 2026");
    expect(privacy).toContain("argon2id");
    expect(privacy).not.toContain("versleuteld op");
    expect(privacy).toContain("Autoriteit Persoonsgegevens");

    const a11y = await (await app.request("/toegankelijkheid")).text();
    expect(a11y).toContain("Eerste maatregelen genomen");
    expect(a11y).toContain("28 november 2026");
    expect(a11y).toContain("Grafieken zonder tekstalternatief");
    expect(a11y).toContain("Nationale ombudsman");

    const a11yEn = await (await app.request("/toegankelijkheid", { headers: { cookie: `${LOCALE_COOKIE}=en` } })).text();
    expect(a11yEn).toContain("First measures taken");
    expect(a11yEn).toContain("Charts without a text alternative");
  });

  it("saving the same values again changes nothing and writes no audit entry", async () => {
    await post(adminCookie, valid);
    const audits = await auditCount();
    const res = await post(adminCookie, valid);
    expect(res.status).toBe(303);
    expect(await auditCount()).toBe(audits);
  });

  it.each([
    ["an invalid e-mail address", { contactEmail: "geen-adres" }, "contactEmail", "errors.email"],
    ["a date that does not exist", { statementDate: "2026-02-31" }, "statementDate", "legal.errors.date"],
    ["a date in another format", { lastCheckDate: "30-11-2026" }, "lastCheckDate", "legal.errors.date"],
    ["an unknown status", { compliance: "mostly" }, "compliance", "legal.errors.compliance"],
    ["an empty controller", { controller: "   " }, "controller", "legal.errors.required"],
    ["a missing DPO", { dpoName: "" }, "dpoName", "legal.errors.required"],
    ["a limitations text too long", { limitationsNl: "x".repeat(4001) }, "limitationsNl", "legal.errors.tooLong"],
  ])("refuses %s with a field error, changing nothing", async (_name, change, field, error) => {
    await post(adminCookie, valid);
    const before = await getLegalSettings(getDb());
    const audits = await auditCount();
    const res = await post(adminCookie, { ...valid, organisation: "Iets anders", ...change });
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).not.toContain("Unexpected Server Error");
    const data = await getDb().selectFrom("legal_settings").select("organisation").executeTakeFirstOrThrow();
    expect(data.organisation).toBe(valid.organisation);
    expect(await getLegalSettings(getDb())).toEqual(before);
    expect(await auditCount()).toBe(audits);
    // The refusal is on its field, with the translated message.
    expect(body).toContain(`field-${field}-error`);
    expect(body).toContain(translator("nl")(error));
  });

  it("refuses a member (403) and sends a visitor to log in; nothing changes", async () => {
    await post(adminCookie, valid);
    const audits = await auditCount();
    const member = await post(memberCookie, { ...valid, organisation: "Overgenomen" });
    expect(member.status).toBe(403);
    expect((await app.request("/beheer/instellingen", { headers: { cookie: memberCookie } })).status).toBe(403);
    const visitor = await app.request("/beheer/instellingen", { form: { ...valid, organisation: "Overgenomen" } });
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toContain("/inloggen");
    expect((await getLegalSettings(getDb())).organisation).toBe(valid.organisation);
    expect(await auditCount()).toBe(audits);
  });

  it("the database refuses what the form refuses (status, e-mail, one row)", async () => {
    const db = getDb();
    await expect(
      db
        .updateTable("legal_settings")
        .set({ compliance: "mostly" as never })
        .execute(),
    ).rejects.toThrow(/legal_settings_compliance/);
    await expect(db.updateTable("legal_settings").set({ dpo_email: "geen adres" }).execute()).rejects.toThrow(/legal_settings_emails/);
    await expect(db.insertInto("legal_settings").values({ id: false }).execute()).rejects.toThrow();
  });

  it("the service stores a change of one field, audited", async () => {
    await post(adminCookie, valid);
    const audits = await auditCount();
    const result = await saveLegalSettings(getDb(), { actorId: adminId }, { ...valid, statementDate: "2026-12-01" });
    expect(result.ok).toBe(true);
    expect((await getLegalSettings(getDb())).statementDate).toBe("2026-12-01");
    expect(await auditCount()).toBe(audits + 1);
  });
});

describe("robots.txt and share meta", () => {
  it("robots.txt allows public pages, keeps work areas out and points to the sitemap with an absolute URL", async () => {
    const res = await app.request("/robots.txt");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const body = await res.text();
    expect(body).toContain("User-agent: *\nAllow: /\n");
    for (const path of ["/beheer", "/jury", "/dev", "/account", "/mijn-"]) expect(body).toContain(`\nDisallow: ${path}\n`);
    expect(body).toMatch(/\nSitemap: http:\/\/localhost:3000\/sitemap\.xml\n/);
  });

  it("the default share image is a PNG", async () => {
    const res = await app.request("/og-image.png");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(1, 4)].map((b) => String.fromCharCode(b)).join("")).toBe("PNG");
  });
});
