import type { DbOrTrx } from "~/db.server";

export type MyNominationState = "moderation" | "consent" | "candidate" | "rejected" | "declined" | "merged";

/** A member's own nominations with where each stands, newest first; and their open drafts. */
export async function listMyNominations(db: DbOrTrx, userId: string) {
  const [rows, drafts] = await Promise.all([
    db
      .selectFrom("nomination as m")
      .innerJoin("nominee as n", "n.id", "m.submitted_for_nominee_id")
      .innerJoin("edition as e", "e.id", "m.edition_id")
      .innerJoin("award as a", "a.id", "e.award_id")
      .select([
        "m.id",
        "m.created_at",
        "m.is_supporting",
        "n.name",
        "n.status",
        "n.consent_status",
        "n.is_candidate",
        "n.redacted_at",
        "a.slug",
        "a.name_nl",
        "a.name_en",
        "e.year",
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
  return { nominations: rows.map((r) => ({ ...r, state: stateOf(r) })), drafts };
}
