import type { DbOrTrx } from "~/db.server";
import type { Snapshot } from "./snapshot";

/** The published snapshot of an edition (latest, or a given version), parsed; null before publication. */
export async function publishedSnapshot(db: DbOrTrx, editionId: string, version?: number) {
  let q = db
    .selectFrom("result_snapshot")
    .select(["version", "body", "sha256", "reason", "published_at"])
    .where("edition_id", "=", editionId);
  if (version !== undefined) q = q.where("version", "=", version);
  const row = await q.orderBy("version", "desc").limit(1).executeTakeFirst();
  if (!row) return null;
  const versions = await db
    .selectFrom("result_snapshot")
    .select(["version", "sha256", "reason", "published_at"])
    .where("edition_id", "=", editionId)
    .orderBy("version", "desc")
    .execute();
  return {
    version: row.version,
    sha256: row.sha256,
    body: row.body,
    publishedAt: row.published_at.toISOString(),
    snapshot: JSON.parse(row.body) as Snapshot,
    versions: versions.map((v) => ({ version: v.version, sha256: v.sha256, reason: v.reason, at: v.published_at.toISOString() })),
  };
}

export function versionParam(url: URL): number | undefined {
  const v = url.searchParams.get("versie");
  return v && /^\d{1,4}$/.test(v) ? Number(v) : undefined;
}

/** Whether an edition has published results (at least one snapshot). */
export async function hasPublishedResults(db: DbOrTrx, editionId: string): Promise<boolean> {
  const row = await db.selectFrom("result_snapshot").select("version").where("edition_id", "=", editionId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The years of the award's other editions whose results are published, newest first (the way back to earlier winners). */
export async function listEarlierResultYears(db: DbOrTrx, awardId: string, editionId: string): Promise<number[]> {
  const rows = await db
    .selectFrom("edition as e")
    .select("e.year")
    .where("e.award_id", "=", awardId)
    .where("e.id", "!=", editionId)
    .where((eb) => eb.exists(eb.selectFrom("result_snapshot as s").whereRef("s.edition_id", "=", "e.id")))
    .orderBy("e.year", "desc")
    .execute();
  return rows.map((r) => r.year);
}
