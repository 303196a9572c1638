import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { OrganisationNominationSchema, PersonNominationSchema } from "~/modules/awards/nomination.schema";
import { nominateOrganisation, nominatePerson } from "~/modules/awards/nomination.server";
import { saveScores, type ScoreEntry } from "~/modules/jury/jury.server";
import { createEdition, createUser, personInput, uniqueEmail } from "../setup/factories";
import { addJuror, createJuryRound } from "../setup/jury";

// A submit repeated after a database outage (the first try may have committed just before the
// connection broke, or not at all) stores one nomination and one set of scores, never two.

const asNominator = (u: { id: string; name: string }) => ({ id: u.id, name: u.name, emailVerified: true });
const person = (categoryId: string, overrides: Record<string, string> = {}) =>
  PersonNominationSchema.parse(personInput(categoryId, overrides));

async function count(table: "nominee" | "nomination", editionId: string) {
  const r = await getDb()
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("edition_id", "=", editionId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function mailsTo(email: string) {
  const r = await getDb()
    .selectFrom("outbox_email")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("to_address", "=", email)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe("a nomination submitted again with the same submission key", () => {
  it("is stored once when repeated after the first try committed", async () => {
    const e = await createEdition();
    const member = await createUser();
    const input = person(e.categoryIds[0]!, { submissionKey: randomUUID() });
    const first = await nominatePerson(getDb(), asNominator(member), e.editionId, input, "nl");
    const again = await nominatePerson(getDb(), asNominator(member), e.editionId, input, "nl");
    expect(first.ok).toBe(true);
    expect(again).toEqual(first);
    expect(await count("nominee", e.editionId)).toBe(1);
    expect(await count("nomination", e.editionId)).toBe(1);
    // The repeat wrote nothing: one consent request, not two.
    expect(await mailsTo(input.email)).toBe(1);
    const row = await getDb()
      .selectFrom("nomination")
      .select(["submission_key", "nominator_id"])
      .where("edition_id", "=", e.editionId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ submission_key: input.submissionKey, nominator_id: member.id });
  });

  it("is stored once when both tries run at the same time", async () => {
    const e = await createEdition();
    const member = await createUser();
    const input = person(e.categoryIds[0]!, { submissionKey: randomUUID() });
    const [a, b] = await Promise.all([
      nominatePerson(getDb(), asNominator(member), e.editionId, input, "nl"),
      nominatePerson(getDb(), asNominator(member), e.editionId, input, "nl"),
    ]);
    expect(a.ok && b.ok).toBe(true);
    expect(a).toEqual(b);
    expect(await count("nominee", e.editionId)).toBe(1);
    expect(await count("nomination", e.editionId)).toBe(1);
    expect(await mailsTo(input.email)).toBe(1);
  });

  it("is stored once among many parallel tries, and the cap counts it once", async () => {
    const e = await createEdition({ perMember: 2 });
    const member = await createUser();
    const input = person(e.categoryIds[0]!, { submissionKey: randomUUID() });
    const results = await Promise.all(
      Array.from({ length: 8 }, () => nominatePerson(getDb(), asNominator(member), e.editionId, input, "nl")),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => (r.ok ? r.value.nomineeId : "")))).toHaveProperty("size", 1);
    expect(await count("nomination", e.editionId)).toBe(1);
    // The member still has their second nomination.
    expect(
      await nominatePerson(
        getDb(),
        asNominator(member),
        e.editionId,
        person(e.categoryIds[0]!, { name: "Tweede Kandidaat", submissionKey: randomUUID() }),
        "nl",
      ),
    ).toMatchObject({ ok: true });
  });

  it("finds the stored nomination even once the cap is reached or the window has closed", async () => {
    const e = await createEdition({ perMember: 1 });
    const member = await createUser();
    const input = person(e.categoryIds[0]!, { submissionKey: randomUUID() });
    const first = await nominatePerson(getDb(), asNominator(member), e.editionId, input, "nl");
    expect(first.ok).toBe(true);
    // The cap is reached: a repeat is still answered with the stored nomination, a new one is refused.
    expect(await nominatePerson(getDb(), asNominator(member), e.editionId, input, "nl")).toEqual(first);
    expect(
      await nominatePerson(
        getDb(),
        asNominator(member),
        e.editionId,
        person(e.categoryIds[0]!, { name: "Tweede Kandidaat", submissionKey: randomUUID() }),
        "nl",
      ),
    ).toMatchObject({ ok: false, error: "nominate.errors.cap" });
    await getDb()
      .updateTable("edition")
      .set({ nomination_closes_at: sql<Date>`now()` })
      .where("id", "=", e.editionId)
      .execute();
    expect(await nominatePerson(getDb(), asNominator(member), e.editionId, input, "nl")).toEqual(first);
    expect(await count("nomination", e.editionId)).toBe(1);
  });

  it("with a different key (or none) is a new nomination, as before", async () => {
    const e = await createEdition({ perMember: 5 });
    const member = await createUser();
    const first = await nominatePerson(
      getDb(),
      asNominator(member),
      e.editionId,
      person(e.categoryIds[0]!, { submissionKey: randomUUID() }),
      "nl",
    );
    const second = await nominatePerson(
      getDb(),
      asNominator(member),
      e.editionId,
      person(e.categoryIds[0]!, { name: "Bert Jansen", submissionKey: randomUUID() }),
      "nl",
    );
    expect(first.ok && second.ok).toBe(true);
    expect(first.ok && second.ok && first.value.nomineeId !== second.value.nomineeId).toBe(true);
    // Without a key (a page loaded before keys existed) nothing is recognised as a repeat.
    const keyless = person(e.categoryIds[0]!, { name: "Carla de Boer" });
    expect(keyless.submissionKey).toBeUndefined();
    expect(await nominatePerson(getDb(), asNominator(member), e.editionId, keyless, "nl")).toMatchObject({ ok: true });
    expect(await nominatePerson(getDb(), asNominator(member), e.editionId, keyless, "nl")).toMatchObject({ ok: true });
    expect(await count("nominee", e.editionId)).toBe(4);
    expect(await count("nomination", e.editionId)).toBe(4);
  });

  it("belongs to one member: the same key from two members makes two nominations", async () => {
    const e = await createEdition();
    const key = randomUUID();
    const [m1, m2] = [await createUser(), await createUser()];
    const a = await nominatePerson(getDb(), asNominator(m1), e.editionId, person(e.categoryIds[0]!, { submissionKey: key }), "nl");
    const b = await nominatePerson(getDb(), asNominator(m2), e.editionId, person(e.categoryIds[0]!, { submissionKey: key }), "nl");
    expect(a.ok && b.ok && a.value.nomineeId !== b.value.nomineeId).toBe(true);
    expect(await count("nomination", e.editionId)).toBe(2);
  });

  it("is stored once for an organisation too", async () => {
    const e = await createEdition({ kind: "organisation" });
    const member = await createUser();
    const input = OrganisationNominationSchema.parse({
      categoryId: e.categoryIds[0]!,
      name: "Gemeente Voorbeeld",
      email: uniqueEmail("org"),
      pitch: "Een gemeente die luistert.",
      story: "Zij ontwierpen samen met inwoners een nieuwe aanpak voor schuldhulp. ".repeat(5),
      videoUrl: "",
      relation: "inwoner",
      anonymous: "",
      submissionKey: randomUUID(),
    });
    const [a, b] = await Promise.all([
      nominateOrganisation(getDb(), asNominator(member), e.editionId, input, "nl"),
      nominateOrganisation(getDb(), asNominator(member), e.editionId, input, "nl"),
    ]);
    const c = await nominateOrganisation(getDb(), asNominator(member), e.editionId, input, "nl");
    expect(a.ok).toBe(true);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(await count("nominee", e.editionId)).toBe(1);
    expect(await count("nomination", e.editionId)).toBe(1);
  });
});

describe("the submission key in the form", () => {
  it("is optional, empty counts as none, and anything but a uuid is refused", () => {
    const categoryId = randomUUID();
    expect(PersonNominationSchema.parse(personInput(categoryId)).submissionKey).toBeUndefined();
    expect(PersonNominationSchema.parse(personInput(categoryId, { submissionKey: "" })).submissionKey).toBeUndefined();
    const key = randomUUID();
    expect(PersonNominationSchema.parse(personInput(categoryId, { submissionKey: key })).submissionKey).toBe(key);
    expect(PersonNominationSchema.safeParse(personInput(categoryId, { submissionKey: "niet-een-sleutel" })).success).toBe(false);
  });
});

describe("a jury sheet saved again", () => {
  it("stores one set of scores, sequentially and in parallel", async () => {
    const f = await createJuryRound({ categories: 1 });
    const j = await addJuror(f);
    const nominee = f.candidates[f.categoryIds[0]!]![0]!;
    const entries: ScoreEntry[] = [
      { criterionId: f.criteria[0]!.id, score: 8, comment: "Sterk verhaal" },
      { criterionId: f.criteria[1]!.id, score: 4, comment: "" },
    ];
    const save = () => saveScores(getDb(), j.user.id, { id: f.juryRoundId }, nominee, entries);
    expect(await save()).toEqual({ ok: true });
    expect(await save()).toEqual({ ok: true });
    expect(await Promise.all([save(), save(), save()])).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    const rows = await getDb()
      .selectFrom("jury_score")
      .select(["criterion_id", "score", "comment"])
      .where("round_id", "=", f.juryRoundId)
      .where("juror_id", "=", j.user.id)
      .where("nominee_id", "=", nominee)
      .execute();
    expect(rows).toHaveLength(entries.length);
    expect(rows).toEqual(expect.arrayContaining(entries.map((e) => ({ criterion_id: e.criterionId, score: e.score, comment: e.comment }))));
  });
});
