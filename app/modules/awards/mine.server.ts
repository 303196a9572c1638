import { sql } from "kysely";
import type { Db, DbOrTrx } from "~/db.server";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import { writeAudit, type Actor } from "~/modules/audit/audit.server";

export type MyNominationState = "moderation" | "consent" | "candidate" | "rejected" | "declined" | "merged";

/** A member's own nominations with where each stands, newest first; and their open drafts. */
export async function listMyNominations(db: DbOrTrx, userId: string) {
  const [rows, drafts] = await Promise.all([
    db
      .selectFrom("nomination as m")
      .innerJoin("nominee as n", "n.id", "m.submitted_for_nominee_id")
      .innerJoin("edition as e", "e.id", "m.edition_id")
      .innerJoin("award as a", "a.id", "e.award_id")
      .innerJoin("category as c", "c.id", "n.category_id")
      .select([
        "m.id",
        "m.created_at",
        "m.is_supporting",
        "m.motivation",
        "n.id as nominee_id",
        "n.name",
        "n.organisation",
        "n.status",
        "n.consent_status",
        "n.is_candidate",
        "n.redacted_at",
        "a.slug",
        "a.name_nl",
        "a.name_en",
        "e.year",
        "c.name_nl as category_nl",
        "c.name_en as category_en",
      ])
      .where("m.nominator_id", "=", userId)
      .orderBy("m.created_at", "desc")
      .execute(),
    db
      .selectFrom("nomination_draft as d")
      .innerJoin("edition as e", "e.id", "d.edition_id")
      .innerJoin("award as a", "a.id", "e.award_id")
      .select(["a.slug", "a.name_nl", "a.name_en", "e.year", "d.updated_at"])
      .where("d.user_id", "=", userId)
      .execute(),
  ]);
  const stateOf = (r: (typeof rows)[number]): MyNominationState =>
    r.consent_status === "declined"
      ? "declined"
      : r.status === "merged"
        ? "merged"
        : r.status === "rejected"
          ? "rejected"
          : r.is_candidate
            ? "candidate"
            : r.status === "pending"
              ? "moderation"
              : "consent";
  return {
    nominations: rows.map((r) => ({
      ...r,
      state: stateOf(r),
      /** A nomination can be withdrawn while moderation has not decided on its nominee. */
      withdrawable: r.status === "pending",
    })),
    drafts,
  };
}

/** The first words of a motivation, cut at a word boundary. */
export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2)).trimEnd()}…`;
}

/**
 * Withdraws a member's own nomination while moderation has not decided on its nominee: the
 * nomination goes (its references with it), and a nominee no one else nominated goes too. Refused
 * once the nominee is approved, rejected or merged (the database refuses it as well), and for
 * someone else's nomination (404, as if it were not there). Audited for the award's organizers.
 */
export async function withdrawNomination(db: Db, actor: Actor, userId: string, nominationId: string): Promise<Outcome<{ name: string }>> {
  try {
    return await db.transaction().execute(async (trx): Promise<Outcome<{ name: string }>> => {
      const m = await trx
        .selectFrom("nomination")
        .select(["id", "edition_id", "nominee_id", "submitted_for_nominee_id", "is_supporting", "created_at"])
        .where("id", "=", nominationId)
        .where("nominator_id", "=", userId)
        .forUpdate()
        .executeTakeFirst();
      if (!m) return refuse(404, "organizer.mine.errors.notFound");
      // Lock the nominee(s) so moderation cannot decide while the nomination goes.
      const nominees = await trx
        .selectFrom("nominee")
        .select(["id", "name", "status", "category_id"])
        .where("id", "in", [m.nominee_id, m.submitted_for_nominee_id])
        .orderBy("id")
        .forUpdate()
        .execute();
      if (nominees.some((n) => n.status !== "pending")) return refuse(409, "organizer.mine.errors.decided");
      const nominee = nominees.find((n) => n.id === m.submitted_for_nominee_id) ?? nominees[0]!;
      await writeAudit(trx, actor, {
        action: "nomination.withdraw",
        entityType: "nomination",
        entityId: m.id,
        before: {
          edition_id: m.edition_id,
          nominee_id: m.nominee_id,
          name: nominee.name,
          category_id: nominee.category_id,
          is_supporting: m.is_supporting,
          created_at: m.created_at,
        },
      });
      await trx.deleteFrom("nomination").where("id", "=", m.id).execute();
      // A nominee left without any nomination (and that nothing was merged into) was only ever this one's.
      await trx
        .deleteFrom("nominee")
        .where("id", "in", [...new Set([m.nominee_id, m.submitted_for_nominee_id])])
        .where("status", "=", "pending")
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("nomination as o")
                .select(sql`1`.as("x"))
                .where((eb) =>
                  eb.or([eb("o.nominee_id", "=", eb.ref("nominee.id")), eb("o.submitted_for_nominee_id", "=", eb.ref("nominee.id"))]),
                ),
            ),
          ),
        )
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("nominee as merged")
                .select(sql`1`.as("x"))
                .whereRef("merged.merged_into", "=", "nominee.id"),
            ),
          ),
        )
        .execute();
      return ok({ name: nominee.name });
    });
  } catch (error) {
    // The database's own guard (nomination_withdraw_undecided): decided in the meantime.
    if ((error as { constraint?: string }).constraint === "nomination_decided") return refuse(409, "organizer.mine.errors.decided");
    throw error;
  }
}
