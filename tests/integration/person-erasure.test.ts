import { createHash, randomUUID } from "node:crypto";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { decideConsent } from "~/modules/awards/consent.server";
import { approveNominee } from "~/modules/awards/moderation.server";
import { nominateOrganisation, nominatePerson } from "~/modules/awards/nomination.server";
import { OrganisationNominationSchema, PersonNominationSchema } from "~/modules/awards/nomination.schema";
import { inviteJurors } from "~/modules/jury/jury.server";
import { addComment } from "~/modules/book/proposal.server";
import { erasePerson } from "~/modules/privacy/nominee-erasure.server";
import { erasePersonEverywhere, findPerson } from "~/modules/privacy/person.server";
import { canonicalJson } from "~/modules/results/canonical";
import { castBallot } from "~/modules/voting/ballot.server";
import { candidateSource, loadVotingRound, tally } from "~/modules/voting/round.server";
import { createBookProject, insertProposal } from "../setup/book-proposals";
import { createWritingProject } from "../setup/book-writing";
import { createEdition, createUser, linkFrom, personInput, uniqueEmail } from "../setup/factories";
import { createJuryRound } from "../setup/jury";

// Issue #19 item 2: one person, planted through the app's services in every kind of place a user can
// put them — in two awards under two spellings, as a reference on someone else's nomination, in
// others' motivations, an organisation's pitch and story, the book (portrayed, and in a comment), a
// published version's reason, an invitation — is found everywhere, then erased; afterwards no text
// column of any table, and no statistics row, holds any form of their name or address.

const sha = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const letters = () =>
  randomUUID()
    .replace(/[^a-f]/g, "")
    .slice(0, 6);
const asNominator = (u: { id: string; name: string }) => ({ id: u.id, name: u.name, emailVerified: true });

/**
 * Every text-like column of every table (and pg_stats), folded (case, diacritics, white space and
 * hyphens), searched for each needle. Independent of the erasure's own matching.
 */
async function traces(needles: string[]) {
  const db = getDb();
  const columns = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED')
    order by 1, 2`.execute(db);
  expect(columns.rows.length).toBeGreaterThan(100);
  const folded = (expr: ReturnType<typeof sql>) => sql`regexp_replace(lower(unaccent(${expr})), '([[:space:]]|\\[nrt]|-)+', ' ', 'g')`;
  const hits: string[] = [];
  for (const { table_name, column_name } of columns.rows) {
    const r = await sql<{ needle: string }>`select n as needle from unnest(${needles}::text[]) n
      where exists (select 1 from ${sql.table(table_name)} where ${folded(sql`${sql.ref(column_name)}::text`)} like '%' || n || '%')`.execute(
      db,
    );
    for (const { needle } of r.rows) hits.push(`${table_name}.${column_name}: ${needle}`);
  }
  const stats = await sql<{ place: string }>`select tablename || '.' || attname as place from pg_stats
    where schemaname = 'public' and exists (select 1 from unnest(${needles}::text[]) n
      where ${folded(sql`coalesce(most_common_vals::text, '') || coalesce(histogram_bounds::text, '')`)} like '%' || n || '%')`.execute(db);
  for (const { place } of stats.rows) hits.push(`pg_stats ${place}`);
  return hits;
}

async function vote(editionId: string, categoryId: string, nomineeId: string) {
  const u = await createUser();
  const round = await loadVotingRound(getDb(), editionId, "1");
  const r = await castBallot(getDb(), {
    round,
    sourceRoundId: await candidateSource(getDb(), round),
    categoryId,
    voter: { id: u.id, email: u.email, name: u.name, locale: "nl", emailVerified: true },
    choices: [nomineeId],
    ip: null,
    device: null,
    mail: { award: "x", category: "y", link: "z" },
  });
  expect(r.ok).toBe(true);
}

async function tallyOf(editionId: string) {
  const { perCategory } = await tally(getDb(), await loadVotingRound(getDb(), editionId, "1"));
  return Object.fromEntries([...perCategory.values()].flat().map((r) => [r.nomineeId, r.votes]));
}

async function plant() {
  const db = getDb();
  const w = letters();
  const surname = `Zwaluw${w}`;
  const name = `José Pérez-${surname}`;
  const email = uniqueEmail(`jp${w}`);
  const needles = [`perez ${surname.toLowerCase()}`, surname.toLowerCase(), email.split("@")[0]!.toLowerCase()];
  const open = sql<Date>`now() - interval '1 hour'`;
  const close = sql<Date>`now() + interval '1 hour'`;

  // Award A: the person as a nominee (with ballots) and as the reference on someone else's nomination.
  const a = await createJuryRound({ categories: 1, candidatesPerCategory: 2, vote: { opensIn: -60, closesIn: 3600 } });
  await db.updateTable("edition").set({ nomination_opens_at: open, nomination_closes_at: close }).where("id", "=", a.editionId).execute();
  const cat = a.categoryIds[0]!;
  const [m1, m2, m3] = [await createUser(), await createUser(), await createUser()];
  const own = await nominatePerson(db, asNominator(m1), a.editionId, PersonNominationSchema.parse(personInput(cat, { name, email })), "nl");
  const other = await nominatePerson(
    db,
    asNominator(m2),
    a.editionId,
    PersonNominationSchema.parse(
      personInput(cat, {
        name: "Kees Kandidaat",
        motivation: `Kees bouwde samen met José  Pérez-${surname}'s team (${email}) het nieuwe loket, met veel inzet.`,
        ref1Name: `jose perez-${surname.toLowerCase()}`,
        ref1Email: email.toUpperCase(),
        ref1Relation: "collega",
      }),
    ),
    "nl",
  );
  if (!own.ok || !other.ok) throw new Error("nomination failed");
  const consentMail = await db
    .selectFrom("outbox_email")
    .select("body_text")
    .where("to_address", "=", email)
    .orderBy("id")
    .executeTakeFirstOrThrow();
  expect((await decideConsent(db, linkFrom(consentMail.body_text).searchParams.get("token")!, "accept")).ok).toBe(true);
  expect((await approveNominee(db, { actorId: a.organizer.user.id }, a.editionId, own.value.nomineeId)).ok).toBe(true);
  for (let i = 0; i < 3; i++) await vote(a.editionId, cat, own.value.nomineeId);
  await vote(a.editionId, cat, a.candidates[cat]![0]!);

  // Award B: the same person, another spelling (no diacritics, capitals, a space for the hyphen), another address.
  const b = await createEdition({ opensIn: -3600, closesIn: 3600 });
  const again = await nominatePerson(
    db,
    asNominator(m3),
    b.editionId,
    PersonNominationSchema.parse(personInput(b.categoryIds[0]!, { name: `JOSE PEREZ ${surname.toUpperCase()}` })),
    "nl",
  );
  if (!again.ok) throw new Error("nomination failed");

  // Award C: an organisation whose pitch and story name the person (a line break, a suffix).
  const c = await createEdition({ opensIn: -3600, closesIn: 3600, kind: "organisation" });
  const org = await nominateOrganisation(
    db,
    asNominator(m1),
    c.editionId,
    OrganisationNominationSchema.parse({
      categoryId: c.categoryIds[0]!,
      name: "Gemeente Voorbeeld",
      email: uniqueEmail("org"),
      pitch: `Met José\nPérez-${surname} aan het roer.`,
      story:
        `Onder leiding van JOSÉ PÉREZ-${surname.toUpperCase()}s afdeling ontwierpen zij met inwoners een nieuwe aanpak voor schuldhulp. `.repeat(
          3,
        ),
      videoUrl: "",
      relation: "inwoner",
      anonymous: "",
    }),
    "nl",
  );
  if (!org.ok) throw new Error("nomination failed");

  // The book: the person portrayed (a living civil servant may object), and named in a comment.
  const book = await createBookProject();
  const portrayed = await insertProposal(book, { name });
  // Living (no year of death): the AVG protects them, unlike the historical civil servants in the book.
  await db.updateTable("book_proposal").set({ death_year: null }).where("id", "=", portrayed).execute();
  const another = await insertProposal(book);
  expect(
    (await addComment(db, book.member.id, book.projectId, another, `Ken je jose pérez-${surname.toLowerCase()}? Mooi verhaal.`)).ok,
  ).toBe(true);

  // A jury invitation to their address, and a published results version naming them in body and reason.
  const organizer = { actorId: a.organizer.user.id };
  expect(
    (await inviteJurors(db, organizer, { id: a.editionId, name: "Prijs" }, [email], [cat], { origin: "http://localhost", locale: "nl" }))
      .ok,
  ).toBe(true);
  const body = canonicalJson({
    format: "lauwer-results/1",
    rankings: [{ nominee: own.value.nomineeId, name, organisation: "Gemeente Teststad", place: 1, votes: 3 }],
  });
  await db
    .insertInto("result_snapshot")
    .values({ edition_id: a.editionId, version: 1, body, sha256: sha(body), reason: `Correctie: ${name} ontbrak` })
    .execute();
  // Statistics that held the name before the erasure (the test checks pg_stats is clean afterwards).
  await sql`analyze nominee`.execute(db);
  await sql`analyze nomination_reference`.execute(db);
  return {
    a,
    b,
    c,
    name,
    surname,
    email,
    needles,
    own: own.value.nomineeId,
    again: again.value.nomineeId,
    other: other.value.nomineeId,
    portrayed,
  };
}

describe("erasing a person, not a row", () => {
  it("finds the person everywhere, shows every place, erases in one go and leaves no trace; counts and hashes unchanged", async () => {
    const db = getDb();
    const p = await plant();
    expect(await traces(p.needles)).toEqual(expect.arrayContaining([expect.stringMatching(/^nominee\.name/)]));
    const tallyBefore = await tallyOf(p.a.editionId);
    const ballotsBefore = await db
      .selectFrom("ballot")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();

    const query = { names: [p.name], emails: [p.email] };
    const places = await findPerson(db, query);
    expect(places.nominees.map((n) => n.id).sort()).toEqual([p.own, p.again].sort());
    expect(places.references).toEqual([expect.objectContaining({ forNominee: "Kees Kandidaat" })]);
    expect(places.invitations).toBe(1);
    expect(places.portrayed.map((x) => x.id)).toEqual([p.portrayed]);
    const mentioned = places.mentions.map((m) => `${m.table}.${m.column}`);
    expect(mentioned).toEqual(expect.arrayContaining(["nomination.motivation", "nominee.pitch", "nominee.story", "book_comment.body"]));
    expect(places.snapshots).toBe(1);
    expect(places.mails).toBeGreaterThan(0);

    const admin = await createUser();
    const done = await erasePersonEverywhere(db, { actorId: admin.id }, query, "own_request", {
      action: "person.erase",
      entityType: "person",
      entityId: null,
    });
    expect(done).toMatchObject({ ok: true, value: { nominees: 2, references: 1, invitations: 1, portrayed: 1, snapshotsRewritten: 1 } });

    expect(await traces(p.needles)).toEqual([]);
    // Ballots, tallies and the snapshot's hash: unchanged in number, and the hash verifies the new body.
    expect(await tallyOf(p.a.editionId)).toEqual(tallyBefore);
    expect(
      await db
        .selectFrom("ballot")
        .select(sql<number>`count(*)::int`.as("n"))
        .executeTakeFirstOrThrow(),
    ).toEqual(ballotsBefore);
    const snap = await db
      .selectFrom("result_snapshot")
      .select(["body", "sha256", "reason"])
      .where("edition_id", "=", p.a.editionId)
      .executeTakeFirstOrThrow();
    expect(snap.sha256).toBe(sha(snap.body));
    expect(snap.reason).toBe("Correctie: [verwijderd] ontbrak");
    // The portrayed person's proposal stays (its history refers to it), named by nobody; its sources go.
    expect(
      await db.selectFrom("book_proposal").select(["name", "organisation", "role"]).where("id", "=", p.portrayed).executeTakeFirstOrThrow(),
    ).toEqual({
      name: "[verwijderd]",
      organisation: "[verwijderd]",
      role: "[verwijderd]",
    });
    expect(await db.selectFrom("book_source").select("id").where("proposal_id", "=", p.portrayed).execute()).toEqual([]);
    // Others' text keeps everything but the person.
    const kees = await db.selectFrom("nomination").select("motivation").where("nominee_id", "=", p.other).executeTakeFirstOrThrow();
    expect(kees.motivation).toBe("Kees bouwde samen met [verwijderd] team ([verwijderd]) het nieuwe loket, met veel inzet.");
    // One audit entry, without the erased data (the trace scan covered the audit log too).
    // (Other tests in this database erase other people: this person's entries are the ones naming their records.)
    const audit = await db
      .selectFrom("audit_log")
      .select(["actor_id", "after"])
      .where("action", "=", "person.erase")
      .where(sql<boolean>`after->'nominees' ? ${p.own}`)
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({
        actor_id: admin.id,
        after: expect.objectContaining({ reason: "own_request", nominees: expect.arrayContaining([p.own, p.again]) }),
      }),
    ]);
    // The erasure log: ids only, to erase the person again after a restore (ADR 0043).
    const logged = await db
      .selectFrom("erasure_log")
      .selectAll()
      .where("action", "=", "person.erase")
      .where(sql<boolean>`${p.own}::uuid = any(nominee_ids)`)
      .execute();
    expect(logged).toEqual([
      expect.objectContaining({
        nominee_ids: expect.arrayContaining([p.own, p.again]),
        reference_ids: [expect.any(String)],
        invitation_ids: [expect.any(String)],
        proposal_ids: [p.portrayed],
      }),
    ]);
    // Nothing of the person is found any more.
    const again = await findPerson(db, query);
    expect(again).toMatchObject({ references: [], invitations: 0, portrayed: [], mentions: [], snapshots: 0, mails: 0 });
    expect(again.nominees).toEqual([]);
  });

  it("matches names as people write them, as whole words, and refuses an empty query", async () => {
    const db = getDb();
    const r = await sql<{
      t: string;
    }>`select lauwer_erase_text(t, ${JSON.stringify({ terms: ["José Pérez-Zwaluw"], mask: "[X]" })}::jsonb) as t
      from unnest(${[
        "jose perez zwaluw",
        "JOSÉ  PÉREZ-ZWALUW's boek",
        "José\nPérez–Zwaluws",
        "Jose Perez-Zwaluwstraat 4",
        "Josée Pérez-Zwaluw",
        "José Pérez-Zwaluwen",
      ]}::text[]) with ordinality as x(t, i) order by i`.execute(db);
    expect(r.rows.map((x) => x.t)).toEqual([
      "[X]",
      "[X] boek",
      "[X]",
      "Jose Perez-Zwaluwstraat 4",
      "Josée Pérez-Zwaluw",
      "José Pérez-Zwaluwen",
    ]);
    // Typed with a space, written with a hyphen (and the other way round, above).
    const r2 = await sql<{ t: string }>`select lauwer_erase_text('Zoë Privé-Zwaluw en zoe  prive zwaluw.', ${JSON.stringify({
      terms: ["ZOE PRIVE ZWALUW"],
      mask: "[X]",
    })}::jsonb) as t`.execute(db);
    expect(r2.rows[0]!.t).toBe("[X] en [X].");
    const empty = await erasePersonEverywhere(db, { actorId: null }, { names: ["  "], emails: [""] }, "own_request", {
      action: "person.erase",
      entityType: "person",
      entityId: null,
    });
    expect(empty).toMatchObject({ ok: false, status: 400 });
  });

  it("locked records allow only the exact masking under the erasure setting: a version's reason, a portrait text", async () => {
    const db = getDb();
    const a = await createJuryRound({ categories: 1, candidatesPerCategory: 1 });
    const body = canonicalJson({ format: "lauwer-results/1", rankings: [] });
    await db
      .insertInto("result_snapshot")
      .values({ edition_id: a.editionId, version: 1, body, sha256: sha(body), reason: "Correctie: Piet  Pietersen ontbrak" })
      .execute();
    const book = await createWritingProject({ portraits: 1 });
    const version = await db
      .insertInto("book_manuscript_version")
      .values({ proposal_id: book.portraits[0]!, version: 1, body: "Over Piet Pietersen, de ingenieur.", word_count: 5 })
      .returning("id")
      .executeTakeFirstOrThrow();
    const spec = JSON.stringify({ ids: [], terms: ["Piet Pietersen"], name: "Verwijderde kandidaat", mask: "[verwijderd]" });
    const underErasure = (statement: ReturnType<typeof sql>) =>
      db.transaction().execute(async (trx) => {
        await sql`select set_config('lauwer.erasure', ${spec}, true)`.execute(trx);
        await statement.execute(trx);
      });
    const snapshot = sql`update result_snapshot set reason = ${"Iets anders"} where edition_id = ${a.editionId}`;
    const text = sql`update book_manuscript_version set body = ${"Iets anders."} where id = ${version.id}`;
    // Without the setting, and under it with any other change: refused.
    await expect(snapshot.execute(db)).rejects.toThrow(/append-only/);
    await expect(underErasure(snapshot)).rejects.toThrow(/append-only/);
    await expect(text.execute(db)).rejects.toThrow(/append-only/);
    await expect(underErasure(text)).rejects.toThrow(/append-only/);
    await expect(
      underErasure(
        sql`update book_manuscript_version set body = lauwer_erase_text(body, lauwer_erasure_spec()), word_count = 1 where id = ${version.id}`,
      ),
    ).rejects.toThrow(/append-only/);
    // Exactly the masking: allowed, and the snapshot's hash still matches its body.
    await underErasure(
      sql`update result_snapshot set reason = lauwer_erase_text(reason, lauwer_erasure_spec()) where edition_id = ${a.editionId}`,
    );
    await underErasure(
      sql`update book_manuscript_version set body = lauwer_erase_text(body, lauwer_erasure_spec()) where id = ${version.id}`,
    );
    const snap = await db
      .selectFrom("result_snapshot")
      .select(["reason", "body", "sha256"])
      .where("edition_id", "=", a.editionId)
      .executeTakeFirstOrThrow();
    expect(snap).toEqual({ reason: "Correctie: [verwijderd] ontbrak", body, sha256: sha(body) });
    const v = await db
      .selectFrom("book_manuscript_version")
      .select(["body", "word_count"])
      .where("id", "=", version.id)
      .executeTakeFirstOrThrow();
    expect(v).toEqual({ body: "Over [verwijderd], de ingenieur.", word_count: 5 });
  });

  it("an organizer's erasure follows the person's address into other awards, never a namesake, a reference's own invitation or a dead person's portrait", async () => {
    const db = getDb();
    const w = letters();
    const name = `Anna Naamgenoot${w}`;
    const email = uniqueEmail(`anna${w}`);
    const refEmail = uniqueEmail(`prof${w}`);
    const a = await createJuryRound({ categories: 1, candidatesPerCategory: 1 });
    await db
      .updateTable("edition")
      .set({ nomination_opens_at: sql<Date>`now() - interval '1 hour'`, nomination_closes_at: sql<Date>`now() + interval '1 hour'` })
      .where("id", "=", a.editionId)
      .execute();
    const [m1, m2, m3] = [await createUser(), await createUser(), await createUser()];
    const nominated = async (editionId: string, categoryId: string, by: typeof m1, overrides: Record<string, string>) => {
      const r = await nominatePerson(
        db,
        asNominator(by),
        editionId,
        PersonNominationSchema.parse(personInput(categoryId, overrides)),
        "nl",
      );
      if (!r.ok) throw new Error("nomination failed");
      return r.value.nomineeId;
    };
    const x = await nominated(a.editionId, a.categoryIds[0]!, m1, {
      name,
      email,
      ref1Name: `Yvo Referent${w}`,
      ref1Email: refEmail,
      ref1Relation: "hoogleraar",
    });
    const b = await createEdition({ opensIn: -3600, closesIn: 3600 });
    const namesake = await nominated(b.editionId, b.categoryIds[0]!, m2, { name: name.toUpperCase(), email: uniqueEmail("andere-anna") });
    const c = await createEdition({ opensIn: -3600, closesIn: 3600 });
    const sameAddress = await nominated(c.editionId, c.categoryIds[0]!, m3, { name: `A. Naamgenoot${w}`, email });
    // The reference is also invited to the jury, in their own right.
    expect(
      (
        await inviteJurors(db, { actorId: a.organizer.user.id }, { id: a.editionId, name: "Prijs" }, [refEmail], [a.categoryIds[0]!], {
          origin: "http://localhost",
          locale: "nl",
        })
      ).ok,
    ).toBe(true);
    // A historical civil servant of the same name in the book.
    const book = await createBookProject();
    const historical = await insertProposal(book, { name });

    expect((await erasePerson(db, { actorId: a.organizer.user.id }, a.editionId, x, "own_request")).ok).toBe(true);

    const nameOf = async (id: string) =>
      (await db.selectFrom("nominee").select("name").where("id", "=", id).executeTakeFirstOrThrow()).name;
    expect(await nameOf(x)).toBe("Verwijderde kandidaat");
    expect(await nameOf(sameAddress)).toBe("Verwijderde kandidaat");
    expect(await nameOf(namesake)).toBe(name.toUpperCase());
    expect(await db.selectFrom("jury_invite").select("id").where("email", "=", refEmail).execute()).toHaveLength(1);
    expect((await db.selectFrom("book_proposal").select("name").where("id", "=", historical).executeTakeFirstOrThrow()).name).toBe(name);
  });
});
