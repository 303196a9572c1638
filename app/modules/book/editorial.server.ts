import { sql, type Transaction } from "kysely";
import type { DB } from "../../../db/types";
import { config } from "~/config.server";
import type { Db, DbOrTrx } from "~/db.server";
import { writeAudit, type Actor } from "~/modules/audit/audit.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import type { StatusTarget } from "./editorial.schema";
import { foldedNameContains, pgError, suggestProposals } from "./proposal.server";
import { ok, refuse, type Outcome, type Refusal } from "~/lib/outcome";

interface ProjectRef {
  id: string;
  slug: string;
  titleNl: string;
  titleEn: string;
  targetCount: number;
}

/** Number of selected portraits, counted from the rows. */
export async function selectedCount(db: DbOrTrx, projectId: string): Promise<number> {
  const row = await db
    .selectFrom("book_proposal")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("project_id", "=", projectId)
    .where("status", "=", "selected")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function lockProposal(trx: Transaction<DB>, projectId: string, proposalId: string) {
  return trx
    .selectFrom("book_proposal")
    .select(["id", "name", "status", "rejection_reason", "merged_into_id", "proposer_id"])
    .where("id", "=", proposalId)
    .where("project_id", "=", projectId)
    .forUpdate()
    .executeTakeFirst();
}

/** The database's refusals of a status change, as answers for the editor (never a 500). */
function refusal(e: unknown, project: ProjectRef): Refusal | undefined {
  const { code, constraint } = pgError(e);
  if (code !== "23514") return undefined;
  if (constraint === "book_selection_target")
    return refuse(409, "bookProposals.errors.targetReached", { params: { target: project.targetCount } });
  if (constraint === "book_selection_assigned") return refuse(409, "bookProposals.errors.hasAuthor");
  return refuse(409, "bookProposals.errors.refused");
}

/**
 * Shortlists, selects or moves a proposal back (also un-rejects it); succeeds with the status it now
 * has. The database refuses selecting beyond the target (the project row is locked while counting)
 * and deselecting a portrait with an author.
 */
export async function setStatus(
  db: Db,
  actor: Actor,
  project: ProjectRef,
  proposalId: string,
  to: StatusTarget,
): Promise<Outcome<StatusTarget>> {
  try {
    return await db.transaction().execute(async (trx): Promise<Outcome<StatusTarget>> => {
      const p = await lockProposal(trx, project.id, proposalId);
      if (!p) return refuse(404, "bookProposals.errors.notFound");
      if (p.status === "merged") return refuse(409, "bookProposals.errors.merged");
      if (p.status === to) return ok(to);
      await trx.updateTable("book_proposal").set({ status: to, rejection_reason: null }).where("id", "=", proposalId).execute();
      await writeAudit(trx, actor, {
        action: `book.proposal.${to}`,
        entityType: "book_proposal",
        entityId: proposalId,
        before: { status: p.status, rejectionReason: p.rejection_reason },
        after: { status: to },
      });
      return ok(to);
    });
  } catch (e) {
    const answer = refusal(e, project);
    if (answer) return answer;
    throw e;
  }
}

/** Rejects with a reason, mailed to the proposer through the outbox in the same transaction. */
export async function rejectProposal(db: Db, actor: Actor, project: ProjectRef, proposalId: string, reason: string): Promise<Outcome> {
  try {
    return await db.transaction().execute(async (trx): Promise<Outcome> => {
      const p = await lockProposal(trx, project.id, proposalId);
      if (!p) return refuse(404, "bookProposals.errors.notFound");
      if (p.status === "merged") return refuse(409, "bookProposals.errors.merged");
      await trx.updateTable("book_proposal").set({ status: "rejected", rejection_reason: reason }).where("id", "=", proposalId).execute();
      const proposer = p.proposer_id
        ? await trx.selectFrom("app_user").select(["email", "name", "locale"]).where("id", "=", p.proposer_id).executeTakeFirst()
        : undefined;
      if (proposer) {
        await enqueueMail(trx, {
          to: proposer.email,
          locale: proposer.locale,
          template: "proposalRejected",
          name: proposer.name,
          link: `${config().origin}/boek/${project.slug}/voordrachten/${proposalId}`,
          params: { project: proposer.locale === "en" && project.titleEn ? project.titleEn : project.titleNl, subject: p.name, reason },
        });
      }
      await writeAudit(trx, actor, {
        action: "book.proposal.reject",
        entityType: "book_proposal",
        entityId: proposalId,
        before: { status: p.status, rejectionReason: p.rejection_reason },
        after: { status: "rejected", rejectionReason: reason, mailed: Boolean(proposer) },
      });
      return ok();
    });
  } catch (e) {
    const answer = refusal(e, project);
    if (answer) return answer;
    throw e;
  }
}

export interface MergeCounts {
  movedEndorsements: number;
  droppedDoubleEndorsements: number;
  movedComments: number;
  copiedSources: number;
}

/**
 * Merges a duplicate into a survivor of the same project. Endorsements move (a member who endorsed
 * both keeps the survivor's one; who that was is kept in the audit), comments move, sources are
 * copied unless the survivor already has that URL; the duplicate keeps its row as 'merged'.
 * Succeeds with the survivor and what moved.
 */
export async function mergeProposals(
  db: Db,
  actor: Actor,
  project: ProjectRef,
  duplicateId: string,
  survivorId: string,
): Promise<Outcome<{ survivorId: string; counts: MergeCounts }>> {
  if (duplicateId === survivorId) return refuse(409, "bookProposals.errors.sameProposal");
  try {
    return await db.transaction().execute(async (trx): Promise<Outcome<{ survivorId: string; counts: MergeCounts }>> => {
      // Lock both in a fixed order so two crossing merges cannot deadlock.
      const [first, second] = [duplicateId, survivorId].sort();
      const locked = [await lockProposal(trx, project.id, first!), await lockProposal(trx, project.id, second!)];
      const duplicate = locked.find((p) => p?.id === duplicateId);
      const survivor = locked.find((p) => p?.id === survivorId);
      if (!duplicate || !survivor) return refuse(404, "bookProposals.errors.notFound");
      if (duplicate.status === "selected" || duplicate.status === "merged") return refuse(409, "bookProposals.errors.cannotMerge");
      if (survivor.status === "rejected" || survivor.status === "merged") return refuse(409, "bookProposals.errors.badSurvivor");

      const moved = await trx
        .updateTable("book_endorsement")
        .set({ proposal_id: survivorId })
        .where("proposal_id", "=", duplicateId)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("book_endorsement as s")
                .select("s.user_id")
                .where("s.proposal_id", "=", survivorId)
                .whereRef("s.user_id", "=", "book_endorsement.user_id"),
            ),
          ),
        )
        .returning("user_id")
        .execute();
      // Who endorsed both: their endorsement already counts on the survivor.
      const doubles = await trx.deleteFrom("book_endorsement").where("proposal_id", "=", duplicateId).returning("user_id").execute();
      const comments = await trx
        .updateTable("book_comment")
        .set({ proposal_id: survivorId })
        .where("proposal_id", "=", duplicateId)
        .returning("id")
        .execute();
      const sources = await sql<{ id: string; url: string }>`
        insert into book_source (proposal_id, title, url, position)
        select ${survivorId}::uuid, d.title, d.url,
          (select coalesce(max(position), 0) from book_source where proposal_id = ${survivorId}::uuid) + row_number() over (order by d.position, d.id)
        from (
          select distinct on (url) id, title, url, position from book_source
          where proposal_id = ${duplicateId}::uuid
          order by url, position, id
        ) d
        where not exists (select 1 from book_source s where s.proposal_id = ${survivorId}::uuid and s.url = d.url)
        returning id, url`.execute(trx);
      await trx
        .updateTable("book_proposal")
        .set({ status: "merged", merged_into_id: survivorId, rejection_reason: null })
        .where("id", "=", duplicateId)
        .execute();
      const counts: MergeCounts = {
        movedEndorsements: moved.length,
        droppedDoubleEndorsements: doubles.length,
        movedComments: comments.length,
        copiedSources: sources.rows.length,
      };
      await writeAudit(trx, actor, {
        action: "book.proposal.merge",
        entityType: "book_proposal",
        entityId: duplicateId,
        before: {
          duplicate: { id: duplicateId, name: duplicate.name, status: duplicate.status },
          survivor: { id: survivorId, name: survivor.name, status: survivor.status },
        },
        after: {
          status: "merged",
          mergedInto: survivorId,
          ...counts,
          movedEndorsers: moved.map((m) => m.user_id),
          doubleEndorsers: doubles.map((d) => d.user_id),
          movedCommentIds: comments.map((c) => c.id),
          copiedSourceUrls: sources.rows.map((s) => s.url),
        },
      });
      return ok({ survivorId, counts });
    });
  } catch (e) {
    const answer = refusal(e, project);
    if (answer) return answer;
    throw e;
  }
}

/**
 * Proposals a duplicate may be merged into: similar names first, or those matching a free search;
 * never the proposal itself, rejected or merged ones.
 */
export async function mergeCandidates(db: DbOrTrx, projectId: string, proposal: { id: string; name: string }, search: string) {
  if (search.trim().length >= 2) {
    const rows = await db
      .selectFrom("book_proposal")
      .select(["id", "name", "birth_year", "death_year", "organisation", "status"])
      .where("project_id", "=", projectId)
      .where("id", "<>", proposal.id)
      .where("status", "not in", ["rejected", "merged"])
      .where(foldedNameContains(sql`name`, search.trim()))
      .orderBy(sql`lauwer_fold(name)`)
      .orderBy("id")
      .limit(25)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      birthYear: r.birth_year,
      deathYear: r.death_year,
      organisation: r.organisation,
      status: r.status,
    }));
  }
  return suggestProposals(db, projectId, proposal.name, { excludeId: proposal.id, limit: 10 });
}

export interface BalanceRow {
  key: string;
  label: string;
  selected: number;
  shortlisted: number;
}

/**
 * The balance of the selection: selected and shortlisted proposals per decade of the start of
 * service (every decade of the period, zeros included; earlier starts count in the first decade,
 * later ones in the last) and per theme (every theme of the project).
 */
export async function balance(
  db: DbOrTrx,
  project: { id: string; periodFrom: number; periodTo: number; themes: Array<{ id: string; name: string }> },
) {
  const first = Math.floor(project.periodFrom / 10) * 10;
  const last = Math.floor(project.periodTo / 10) * 10;
  const decadeRows = await sql<{ decade: number; selected: string; shortlisted: string }>`
    select (least(greatest(service_from, ${first}::int), ${last}::int) / 10) * 10 as decade,
      count(*) filter (where status = 'selected') as selected,
      count(*) filter (where status = 'shortlisted') as shortlisted
    from book_proposal
    where project_id = ${project.id}::uuid and status in ('selected', 'shortlisted')
    group by 1`.execute(db);
  const themeRows = await db
    .selectFrom("book_proposal")
    .select([
      "theme_id",
      sql<string>`count(*) filter (where status = 'selected')`.as("selected"),
      sql<string>`count(*) filter (where status = 'shortlisted')`.as("shortlisted"),
    ])
    .where("project_id", "=", project.id)
    .where("status", "in", ["selected", "shortlisted"])
    .groupBy("theme_id")
    .execute();
  const byDecade = new Map(decadeRows.rows.map((r) => [Number(r.decade), r]));
  const decades: BalanceRow[] = [];
  for (let d = first; d <= last; d += 10) {
    const r = byDecade.get(d);
    decades.push({ key: String(d), label: `${d}–${d + 9}`, selected: Number(r?.selected ?? 0), shortlisted: Number(r?.shortlisted ?? 0) });
  }
  const byTheme = new Map(themeRows.map((r) => [r.theme_id, r]));
  const themes: BalanceRow[] = project.themes.map((t) => {
    const r = byTheme.get(t.id);
    return { key: t.id, label: t.name, selected: Number(r?.selected ?? 0), shortlisted: Number(r?.shortlisted ?? 0) };
  });
  return { decades, themes };
}
