import { randomUUID } from "node:crypto";
import { sql, type RawBuilder } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { writeAudit } from "~/modules/audit/audit.server";
import { castBallot } from "~/modules/voting/ballot.server";
import { candidateSource, loadVotingRound } from "~/modules/voting/round.server";
import { addAuthor, assignDirectly, createWritingProject } from "../setup/book-writing";
import { createEdition, createUser } from "../setup/factories";
import { addJuror, createJuryRound } from "../setup/jury";
import { createVoteRound } from "../setup/voting";

// The lock triggers deny by default (migration 20261203130000_deny_by_default_locks): they compare the
// whole row without the columns that may still change, so a column added later is locked too, without
// restating the function. Each block shows the columns the old functions listed are still refused with
// the same error, the columns that may change still do, and a column added here is refused as well.

const db = () => getDb();
const LOCKED = { code: "23514", message: expect.stringMatching(/^round \S+ has opened and its procedure is locked$/) };
const appendOnly = (message: string) => ({ code: "42501", message });

/** Adds a column to a table for the length of `run` (a column no lock function names). */
async function withFutureColumn(table: string, definition: string, run: () => Promise<void>) {
  await sql`alter table ${sql.table(table)} add column test_future_col ${sql.raw(definition)}`.execute(db());
  try {
    await run();
  } finally {
    await sql`alter table ${sql.table(table)} drop column test_future_col`.execute(db());
  }
}

/** The row as the database holds it, to show a refused write left it as it was. */
async function rowOf(table: string, where: RawBuilder<unknown>) {
  const r = await sql<{ row: unknown }>`select to_jsonb(t) as row from ${sql.table(table)} t where ${where}`.execute(db());
  expect(r.rows).toHaveLength(1);
  return r.rows[0]!.row;
}

/** Runs `update <table> set <assignments> where <where>` in a transaction with the given settings (set_config, local). */
async function update(table: string, assignments: RawBuilder<unknown>, where: RawBuilder<unknown>, settings: Record<string, string> = {}) {
  await db()
    .transaction()
    .execute(async (trx) => {
      for (const [name, value] of Object.entries(settings)) await sql`select set_config(${name}, ${value}, true)`.execute(trx);
      await sql`update ${sql.table(table)} set ${assignments} where ${where}`.execute(trx);
    });
}

/** A round of a new edition, opened an hour ago (public vote, top 2 advance) unless told otherwise. */
async function openedRound(opts: { kind?: "public_vote" | "live_vote" | "jury"; closes?: boolean; opened?: boolean } = {}) {
  const e = await createEdition({ categories: 1 });
  const row = await db()
    .insertInto("round")
    .values({
      edition_id: e.editionId,
      position: 1,
      kind: opts.kind ?? "public_vote",
      name_nl: "Ronde",
      name_en: "Round",
      opens_at: opts.opened === false ? sql<Date>`now() + interval '1 day'` : sql<Date>`now() - interval '1 hour'`,
      closes_at: opts.closes === false ? null : sql<Date>`now() + interval '2 days'`,
      source: "all",
      advancement: "top_k",
      advance_k: 2,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

// Every column the last listed-columns version of round_locked_after_open named, with a change to it.
const ROUND_LOCKED: Record<string, RawBuilder<unknown>> = {
  kind: sql`'jury'`,
  position: sql`position + 10`,
  source: sql`'previous'`,
  advancement: sql`'none'`,
  advance_k: sql`advance_k + 1`,
  settings: sql`'{"changed": true}'::jsonb`,
  opens_at: sql`opens_at - interval '1 minute'`,
  closes_at: sql`closes_at + interval '1 day'`,
  ballot_mode: sql`'approval'`,
  max_choices: sql`2`,
  allow_change: sql`not allow_change`,
  show_live_totals: sql`not show_live_totals`,
  eligibility: sql`'domains'`,
  eligible_domains: sql`array['example.nl']`,
  tie_break: sql`'organizer'`,
  jury_visibility: sql`'never'`,
  blind: sql`not blind`,
  show_vote_position: sql`not show_vote_position`,
  aggregation: sql`'median'`,
  normalize: sql`not normalize`,
  min_scores: sql`min_scores + 1`,
};
const set = (column: string, value: RawBuilder<unknown>) => sql`${sql.ref(column)} = ${value}`;

describe("an opened round", () => {
  it("refuses a change to every column the lock listed before, with the same error, and cannot be removed", async () => {
    const id = await openedRound();
    const where = sql`id = ${id}`;
    const before = await rowOf("round", where);
    for (const [column, value] of Object.entries(ROUND_LOCKED)) {
      await expect(update("round", set(column, value), where), column).rejects.toMatchObject(LOCKED);
    }
    await expect(db().deleteFrom("round").where("id", "=", id).execute()).rejects.toMatchObject({
      code: "23514",
      message: expect.stringMatching(/^round \S+ has opened and cannot be removed$/),
    });
    expect(await rowOf("round", where)).toEqual(before);
  });

  it("still lets its names, short code, publishing, revealing and advancing change", async () => {
    const id = await openedRound();
    const code = `T${randomUUID().replace(/-/g, "").slice(0, 9).toUpperCase()}`;
    await db().updateTable("round").set({ name_nl: "Andere naam", name_en: "Other name", short_code: code }).where("id", "=", id).execute();
    for (const column of ["results_published_at", "revealed_at", "advanced_at"]) {
      await update("round", set(column, sql`now()`), sql`id = ${id}`);
    }
    const row = await db().selectFrom("round").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name_nl: "Andere naam", name_en: "Other name", short_code: code });
    expect([row.results_published_at, row.revealed_at, row.advanced_at].every((d) => d instanceof Date)).toBe(true);
  });

  it("lets a live vote without an end be closed once, and nothing else about its window", async () => {
    const id = await openedRound({ kind: "live_vote", closes: false });
    await update("round", set("closes_at", sql`now() + interval '1 minute'`), sql`id = ${id}`);
    await expect(update("round", set("closes_at", sql`closes_at + interval '1 minute'`), sql`id = ${id}`)).rejects.toMatchObject(LOCKED);
    await expect(update("round", set("opens_at", sql`opens_at - interval '1 minute'`), sql`id = ${id}`)).rejects.toMatchObject(LOCKED);
  });

  it("changes freely before it opens", async () => {
    const id = await openedRound({ opened: false });
    await update(
      "round",
      sql`kind = 'jury', position = 7, source = 'previous', advance_k = 3, settings = '{"changed": true}', ballot_mode = 'approval',
        max_choices = 2, eligibility = 'domains', eligible_domains = array['example.nl'], aggregation = 'median', min_scores = 5,
        opens_at = opens_at + interval '1 hour', closes_at = closes_at + interval '1 hour'`,
      sql`id = ${id}`,
    );
    await db().deleteFrom("round").where("id", "=", id).execute();
  });

  it("locks a column added after the function was written, without restating it", async () => {
    await withFutureColumn("round", "int", async () => {
      const id = await openedRound();
      await expect(update("round", set("test_future_col", sql`1`), sql`id = ${id}`)).rejects.toMatchObject(LOCKED);
      await expect(update("round", sql`test_future_col = 1, name_nl = 'Nieuw'`, sql`id = ${id}`)).rejects.toMatchObject(LOCKED);
      // What may change still changes; a round that has not opened changes the new column too.
      await update("round", set("name_nl", sql`'Nieuw'`), sql`id = ${id}`);
      const later = await openedRound({ opened: false });
      await update("round", set("test_future_col", sql`1`), sql`id = ${later}`);
    });
  });

  it("judges a generated column by its base columns (a BEFORE trigger sees it as null)", async () => {
    await withFutureColumn("round", "int generated always as (position * 2) stored", async () => {
      const id = await openedRound();
      await update("round", set("name_nl", sql`'Nieuw'`), sql`id = ${id}`);
      await expect(update("round", set("position", sql`position + 1`), sql`id = ${id}`)).rejects.toMatchObject(LOCKED);
    });
  });
});

describe("append-only history with one narrow exception", () => {
  const ERASURE = (terms: string[]) => ({
    "lauwer.erasure": JSON.stringify({ ids: [], terms, name: "Verwijderde persoon", mask: "[verwijderd]" }),
  });
  const RETENTION = { "lauwer.retention": "on" };

  it("audit_log: an erasure only rewrites before and after, to their erased form", async () => {
    const term = `Piet ${randomUUID().slice(0, 8)}`;
    const settings = ERASURE([term]);
    const erase = sql`before = lauwer_erase_jsonb(before, lauwer_erasure_spec()), after = lauwer_erase_jsonb(after, lauwer_erasure_spec())`;
    const entry = async () => {
      const entityId = randomUUID();
      await writeAudit(
        db(),
        { actorId: null, ip: "192.0.2.1", requestId: "req" },
        { action: "test.lock", entityType: "test", entityId, after: { text: term } },
      );
      return sql`entity_id = ${entityId}`;
    };
    const refused = appendOnly("audit_log is append-only");
    const listed: Record<string, RawBuilder<unknown>> = {
      id: sql`id + 1000000000`,
      at: sql`at - interval '1 second'`,
      actor_id: sql`gen_random_uuid()`,
      action: sql`'test.other'`,
      entity_type: sql`'other'`,
      entity_id: sql`'other'`,
      ip: sql`'192.0.2.2'`,
      request_id: sql`'other'`,
      award_id: sql`gen_random_uuid()`,
      book_project_id: sql`gen_random_uuid()`,
    };
    const where = await entry();
    const before = await rowOf("audit_log", where);
    for (const [column, value] of Object.entries(listed)) {
      await expect(update("audit_log", sql`${erase}, ${set(column, value)}`, where, settings), column).rejects.toMatchObject(refused);
    }
    await expect(update("audit_log", sql`after = '{"text": "iets anders"}'`, where, settings)).rejects.toMatchObject(refused);
    expect(await rowOf("audit_log", where)).toEqual(before);
    await update("audit_log", erase, where, settings);
    expect(await rowOf("audit_log", where)).toMatchObject({ after: { text: "[verwijderd]" } });

    await withFutureColumn("audit_log", "int", async () => {
      const w = await entry();
      await expect(update("audit_log", sql`${erase}, test_future_col = 1`, w, settings)).rejects.toMatchObject(refused);
      await update("audit_log", erase, w, settings);
    });
  });

  it("result_snapshot: an erasure only rewrites the body (and so its hash)", async () => {
    const e = await createEdition({ categories: 1 });
    const term = `Piet ${randomUUID().slice(0, 8)}`;
    const settings = ERASURE([term]);
    let version = 0;
    const snapshot = async () => {
      const body = JSON.stringify({ winner: term, version: ++version });
      const row = await db()
        .insertInto("result_snapshot")
        .values({
          edition_id: e.editionId,
          version,
          body,
          sha256: sql<string>`encode(sha256(convert_to(${body}, 'UTF8')), 'hex')`,
          reason: version === 1 ? null : "correctie",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return sql`id = ${row.id}`;
    };
    const erased = sql`lauwer_erase_jsonb(body::jsonb, lauwer_erasure_spec())::text`;
    const erase = sql`body = ${erased}, sha256 = encode(sha256(convert_to(${erased}, 'UTF8')), 'hex')`;
    const refused = appendOnly("result_snapshot is append-only");
    const listed: Record<string, RawBuilder<unknown>> = {
      id: sql`gen_random_uuid()`,
      edition_id: sql`gen_random_uuid()`,
      version: sql`version + 100`,
      reason: sql`'een andere reden'`,
      published_by: sql`gen_random_uuid()`,
      published_at: sql`published_at - interval '1 second'`,
    };
    const where = await snapshot();
    const before = await rowOf("result_snapshot", where);
    for (const [column, value] of Object.entries(listed)) {
      await expect(update("result_snapshot", sql`${erase}, ${set(column, value)}`, where, settings), column).rejects.toMatchObject(refused);
    }
    expect(await rowOf("result_snapshot", where)).toEqual(before);
    await update("result_snapshot", erase, where, settings);
    expect(await rowOf("result_snapshot", where)).toMatchObject({ body: expect.stringContaining("[verwijderd]") });

    await withFutureColumn("result_snapshot", "int", async () => {
      const w = await snapshot();
      await expect(update("result_snapshot", sql`${erase}, test_future_col = 1`, w, settings)).rejects.toMatchObject(refused);
      await update("result_snapshot", erase, w, settings);
    });
  });

  it("ballot_revision: retention only drops the IP address and device hash", async () => {
    const r = await createVoteRound({ categories: 1, candidatesPerCategory: 2 });
    const categoryId = r.categoryIds[0]!;
    const vote = async () => {
      const u = await createUser();
      const round = await loadVotingRound(db(), r.editionId, "1");
      const cast = await castBallot(db(), {
        round,
        sourceRoundId: await candidateSource(db(), round),
        categoryId,
        voter: { id: u.id, email: u.email, name: u.name, locale: "nl", emailVerified: true },
        choices: [r.candidates[categoryId]![0]!],
        ip: "192.0.2.1",
        device: "apparaat",
        mail: { award: "x", category: "y", link: "z" },
      });
      expect(cast.ok).toBe(true);
      const ballot = await db().selectFrom("ballot").select("id").where("voter_id", "=", u.id).executeTakeFirstOrThrow();
      return sql`ballot_id = ${ballot.id}`;
    };
    const drop = sql`ip = null, device_hash = null`;
    const refused = appendOnly("ballot_revision is append-only");
    const listed: Record<string, RawBuilder<unknown>> = {
      ballot_id: sql`gen_random_uuid()`,
      version: sql`version + 100`,
      receipt_code: sql`'ANDERE-CODE'`,
      choices: sql`'{}'::uuid[]`,
      created_at: sql`created_at - interval '1 second'`,
    };
    const where = await vote();
    const before = await rowOf("ballot_revision", where);
    for (const [column, value] of Object.entries(listed)) {
      await expect(update("ballot_revision", sql`${drop}, ${set(column, value)}`, where, RETENTION), column).rejects.toMatchObject(refused);
    }
    await expect(update("ballot_revision", sql`ip = '192.0.2.2'`, where, RETENTION)).rejects.toMatchObject(refused);
    expect(await rowOf("ballot_revision", where)).toEqual(before);
    await update("ballot_revision", drop, where, RETENTION);
    expect(await rowOf("ballot_revision", where)).toMatchObject({ ip: null, device_hash: null });

    await withFutureColumn("ballot_revision", "int", async () => {
      const w = await vote();
      await expect(update("ballot_revision", sql`${drop}, test_future_col = 1`, w, RETENTION)).rejects.toMatchObject(refused);
      await update("ballot_revision", drop, w, RETENTION);
    });
  });

  it("jury_score: while erasing or anonymising, only the comment goes", async () => {
    const f = await createJuryRound({ categories: 1, candidatesPerCategory: 2 });
    const category = f.categoryIds[0]!;
    const [criterion] = f.criteria;
    const score = async (nominee: string) => {
      const juror = await addJuror(f);
      await db()
        .insertInto("jury_score")
        .values({
          round_id: f.juryRoundId,
          juror_id: juror.user.id,
          nominee_id: nominee,
          criterion_id: criterion!.id,
          score: 7,
          comment: "Sterk",
        })
        .execute();
      return sql`juror_id = ${juror.user.id}`;
    };
    const clear = sql`comment = ''`;
    const refused = appendOnly("only a comment may be removed while erasing");
    const listed: Record<string, RawBuilder<unknown>> = {
      round_id: sql`gen_random_uuid()`,
      juror_id: sql`gen_random_uuid()`,
      nominee_id: sql`gen_random_uuid()`,
      criterion_id: sql`gen_random_uuid()`,
      score: sql`score + 1`,
      updated_at: sql`updated_at - interval '1 second'`,
    };
    const where = await score(f.candidates[category]![0]!);
    const before = await rowOf("jury_score", where);
    for (const [column, value] of Object.entries(listed)) {
      await expect(update("jury_score", sql`${clear}, ${set(column, value)}`, where, RETENTION), column).rejects.toMatchObject(refused);
    }
    expect(await rowOf("jury_score", where)).toEqual(before);
    await update("jury_score", clear, where, RETENTION);
    expect(await rowOf("jury_score", where)).toMatchObject({ comment: "", score: 7 });

    await withFutureColumn("jury_score", "int", async () => {
      const w = await score(f.candidates[category]![1]!);
      await expect(update("jury_score", sql`${clear}, test_future_col = 1`, w, RETENTION)).rejects.toMatchObject(refused);
      await update("jury_score", clear, w, RETENTION);
    });
  });

  it("book manuscript versions: only marked submitted, or losing their writer, never together", async () => {
    const f = await createWritingProject({ portraits: 1 });
    const author = await addAuthor(f);
    await assignDirectly(f, f.portraits[0]!, author.id);
    let n = 0;
    const version = async () => {
      const row = await db()
        .insertInto("book_manuscript_version")
        .values({ proposal_id: f.portraits[0]!, version: ++n, author_id: author.id, body: "Een portret.", word_count: 2 })
        .returning("id")
        .executeTakeFirstOrThrow();
      return sql`id = ${row.id}`;
    };
    const refused = appendOnly("book_manuscript_version is append-only");
    const listed: Record<string, RawBuilder<unknown>> = {
      id: sql`gen_random_uuid()`,
      proposal_id: sql`gen_random_uuid()`,
      version: sql`version + 100`,
      body: sql`'Een ander portret.'`,
      word_count: sql`word_count + 1`,
      created_at: sql`created_at - interval '1 second'`,
    };
    const submit = sql`submitted = true`;
    const orphan = sql`author_id = null`;
    const where = await version();
    const before = await rowOf("book_manuscript_version", where);
    for (const [column, value] of Object.entries({ ...listed, author_id: sql`gen_random_uuid()` })) {
      await expect(update("book_manuscript_version", sql`${submit}, ${set(column, value)}`, where), column).rejects.toMatchObject(refused);
    }
    for (const [column, value] of Object.entries(listed)) {
      await expect(update("book_manuscript_version", sql`${orphan}, ${set(column, value)}`, where), column).rejects.toMatchObject(refused);
    }
    await expect(update("book_manuscript_version", sql`${submit}, ${orphan}`, where)).rejects.toMatchObject(refused);
    expect(await rowOf("book_manuscript_version", where)).toEqual(before);
    await update("book_manuscript_version", submit, where);
    await update("book_manuscript_version", orphan, where);
    expect(await rowOf("book_manuscript_version", where)).toMatchObject({ submitted: true, author_id: null });

    await withFutureColumn("book_manuscript_version", "int", async () => {
      const w = await version();
      await expect(update("book_manuscript_version", sql`${submit}, test_future_col = 1`, w)).rejects.toMatchObject(refused);
      await expect(update("book_manuscript_version", sql`${orphan}, test_future_col = 1`, w)).rejects.toMatchObject(refused);
      await update("book_manuscript_version", submit, w);
      await update("book_manuscript_version", orphan, w);
    });
  });

  it("book manuscript comments: only losing their writer", async () => {
    const f = await createWritingProject({ portraits: 1 });
    const author = await addAuthor(f);
    await assignDirectly(f, f.portraits[0]!, author.id);
    const v = await db()
      .insertInto("book_manuscript_version")
      .values({ proposal_id: f.portraits[0]!, version: 1, author_id: author.id, body: "Een portret.", word_count: 2 })
      .returning("id")
      .executeTakeFirstOrThrow();
    const comment = async () => {
      const row = await db()
        .insertInto("book_manuscript_comment")
        .values({ version_id: v.id, author_id: f.editor.id, body: "Mooi begin." })
        .returning("id")
        .executeTakeFirstOrThrow();
      return sql`id = ${row.id}`;
    };
    const refused = appendOnly("book_manuscript_comment is append-only");
    const listed: Record<string, RawBuilder<unknown>> = {
      id: sql`gen_random_uuid()`,
      version_id: sql`gen_random_uuid()`,
      body: sql`'Iets anders.'`,
      created_at: sql`created_at - interval '1 second'`,
    };
    const orphan = sql`author_id = null`;
    const where = await comment();
    const before = await rowOf("book_manuscript_comment", where);
    for (const [column, value] of Object.entries(listed)) {
      await expect(update("book_manuscript_comment", sql`${orphan}, ${set(column, value)}`, where), column).rejects.toMatchObject(refused);
    }
    expect(await rowOf("book_manuscript_comment", where)).toEqual(before);
    await update("book_manuscript_comment", orphan, where);
    expect(await rowOf("book_manuscript_comment", where)).toMatchObject({ author_id: null });

    await withFutureColumn("book_manuscript_comment", "int", async () => {
      const w = await comment();
      await expect(update("book_manuscript_comment", sql`${orphan}, test_future_col = 1`, w)).rejects.toMatchObject(refused);
      await update("book_manuscript_comment", orphan, w);
    });
  });
});
