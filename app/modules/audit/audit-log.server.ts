import type { TFunction } from "i18next";
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from "kysely";
import type { DB } from "../../../db/types";
import type { DbOrTrx } from "~/db.server";
import { translator, type Locale } from "~/i18n/i18n";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import type { Cell } from "~/modules/exports/cells";
import { DOWNLOADS } from "~/modules/exports/downloads";
import { exportFilename, parseExportFile } from "~/modules/exports/export.server";
import type { Download, ExportSpec } from "~/modules/exports/writers.server";
import { auditChanges, changesText, type AuditChange } from "./audit-diff";
import { resolveAuditNames } from "./audit-names.server";
import { auditWordChanges, collectIds, type AuditWordChange, type RefName } from "./audit-words";
import { activeFilters, parseAuditFilters, type AuditFilters } from "./audit-filters";
import type { Actor } from "./audit.server";
import { recordExport } from "./export-audit.server";
import { TIME_ZONE } from "~/lib/locale";

// Reading the append-only audit log: one scope per viewer (platform admins everything, an award's
// organizers the rows of their award, a book project's editors the rows of their project), the
// same filters for the page and its exports, 50 rows a page newest first, exports streamed.

export const AUDIT_PAGE_SIZE = 50;

export type AuditScope = { kind: "platform" } | { kind: "award"; awardId: string } | { kind: "book_project"; projectId: string };

/**
 * Where the rows of each entity type the app writes belong (the audit_log_scope trigger fills the
 * columns; this map documents it and a test holds every `entityType` in the code to it).
 * "grant": a role grant belongs to its award or project, an admin grant to the platform.
 */
export const ENTITY_SCOPES = {
  award: "award",
  edition: "award",
  category: "award",
  round: "award",
  nominee: "award",
  nomination: "award",
  nomination_reference: "award",
  criterion: "award",
  prize: "award",
  result_snapshot: "award",
  jury_invite: "award",
  jury_member: "award",
  ballot: "award",
  book_project: "book_project",
  book_theme: "book_project",
  book_proposal: "book_project",
  book_assignment: "book_project",
  book_source: "book_project",
  book_comment: "book_project",
  book_manuscript_version: "book_project",
  book_author: "book_project",
  book_claim: "book_project",
  role_grant: "grant",
  role_invitation: "grant",
  platform: "platform",
  app_user: "platform",
  // An account as such (blocking, verification, its second factor): the platform's.
  user: "platform",
  legal_settings: "platform",
  // A person erased everywhere (issue #19): a platform admin's act across awards and the book.
  person: "platform",
  // A privacy request (issue #19): the platform admins' register.
  privacy_request: "platform",
} as const satisfies Record<string, "award" | "book_project" | "grant" | "platform">;

/** Every action can be filtered by; "export" is always offered (every export is itself audited). */
export const ALWAYS_OFFERED_ACTIONS = ["export"] as const;

type AuditQuery = SelectQueryBuilder<DB & { a: DB["audit_log"]; u: DB["app_user"] }, "a" | "u", object>;

/** `like` pattern text with its wildcards escaped (PostgreSQL's default escape is the backslash). */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function inScope(db: DbOrTrx, scope: AuditScope): AuditQuery {
  let q = db.selectFrom("audit_log as a").leftJoin("app_user as u", "u.id", "a.actor_id") as unknown as AuditQuery;
  if (scope.kind === "award") q = q.where("a.award_id", "=", scope.awardId);
  if (scope.kind === "book_project") q = q.where("a.book_project_id", "=", scope.projectId);
  return q;
}

function filtered(db: DbOrTrx, scope: AuditScope, f: AuditFilters): AuditQuery {
  let q = inScope(db, scope);
  if (f.actor) {
    const pattern = `%${likeEscape(f.actor)}%`;
    q = q.where((eb: ExpressionBuilder<DB & { a: DB["audit_log"]; u: DB["app_user"] }, "a" | "u">) =>
      eb.or([eb("u.name", "ilike", pattern), eb("u.email", "ilike", pattern)]),
    );
  }
  if (f.action) {
    const action = f.action;
    q = q.where((eb) => eb.or([eb("a.action", "=", action), eb("a.action", "like", `${likeEscape(action)}.%`)]));
  }
  if (f.entityType) q = q.where("a.entity_type", "=", f.entityType);
  if (f.entityId) q = q.where("a.entity_id", "=", f.entityId);
  // Dates are Amsterdam calendar days: from its first instant up to (not including) the day after `to`.
  if (f.from) q = q.where("a.at", ">=", sql<Date>`(${f.from}::date)::timestamp at time zone ${sql.lit(TIME_ZONE)}`);
  if (f.to) q = q.where("a.at", "<", sql<Date>`(${f.to}::date + 1)::timestamp at time zone ${sql.lit(TIME_ZONE)}`);
  return q;
}

const COLUMNS = [
  "a.id",
  "a.at",
  "a.action",
  "a.entity_type",
  "a.entity_id",
  "a.before",
  "a.after",
  "a.ip",
  "a.award_id",
  "a.book_project_id",
  "a.actor_id",
  "u.name as actor_name",
  "u.email as actor_email",
] as const;

export interface AuditRowView {
  id: string;
  at: string;
  actorName: string | null;
  /** Only for platform admins. */
  actorEmail: string | null;
  hasActor: boolean;
  action: string;
  entityType: string;
  entityId: string | null;
  /** The entity by name (null when it has no id or no longer resolves). */
  entity: RefName | null;
  /** The changes in words: field names, names for ids, typed values. */
  words: AuditWordChange[];
  /** The raw changes, ids and codes as stored (for the details view). */
  changes: AuditChange[];
}

/** One page of the filtered log (newest first) with the total count of matching rows. */
export async function listAuditPage(db: DbOrTrx, scope: AuditScope, filters: AuditFilters, page: number, locale: Locale) {
  const base = filtered(db, scope, filters);
  const [count, rows] = await Promise.all([
    base.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
    base
      .select([...COLUMNS])
      .orderBy("a.id", "desc")
      .limit(AUDIT_PAGE_SIZE)
      .offset((page - 1) * AUDIT_PAGE_SIZE)
      .execute(),
  ]);
  const total = Number((count as { n: number }).n);
  const admin = scope.kind === "platform";
  const ids = new Set<string>();
  for (const r of rows) {
    collectIds(r.entity_id, ids);
    collectIds(r.before, ids);
    collectIds(r.after, ids);
  }
  const names = await resolveAuditNames(db, ids, locale);
  const views: AuditRowView[] = rows.map((r) => ({
    id: String(r.id),
    at: new Date(r.at).toISOString(),
    actorName: r.actor_name,
    actorEmail: admin ? r.actor_email : null,
    hasActor: r.actor_id !== null,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    entity: r.entity_id ? (names.get(r.entity_id.toLowerCase()) ?? null) : null,
    words: auditWordChanges(r.before, r.after, names),
    changes: auditChanges(r.before, r.after),
  }));
  return { rows: views, total, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

/** The actions and entity types present in the scope (for the filter lists), with "export" always offered. */
export async function auditFilterOptions(db: DbOrTrx, scope: AuditScope) {
  const [actions, types] = await Promise.all([
    inScope(db, scope).select("a.action").distinct().orderBy("a.action").execute(),
    inScope(db, scope).select("a.entity_type").distinct().orderBy("a.entity_type").execute(),
  ]);
  const actionSet = new Set<string>([...actions.map((r) => r.action), ...ALWAYS_OFFERED_ACTIONS]);
  return { actions: [...actionSet].sort(), entityTypes: types.map((r) => r.entity_type) };
}

/** The audit entry an export of the log writes (entity = the scope itself). */
export function auditExportEntity(scope: AuditScope): { entityType: string; entityId: string | null } {
  if (scope.kind === "award") return { entityType: "award", entityId: scope.awardId };
  if (scope.kind === "book_project") return { entityType: "book_project", entityId: scope.projectId };
  return { entityType: "platform", entityId: null };
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/**
 * The filtered log as an export, streamed from a cursor (newest first). Platform admins also get
 * the actor's e-mail address, the IP address and the scope columns; the others never do.
 */
export function auditExportSpec(db: DbOrTrx, scope: AuditScope, filters: AuditFilters, t: TFunction, filename: string): ExportSpec {
  const admin = scope.kind === "platform";
  const h = (key: string) => t(`auditLog.headers.${key}`);
  const columns = [
    { key: "id", header: h("id") },
    { key: "at", header: h("at") },
    { key: "actor", header: h("actor") },
    ...(admin ? [{ key: "actorEmail", header: h("actorEmail") }] : []),
    { key: "action", header: h("action") },
    { key: "entityType", header: h("entityType") },
    { key: "entityId", header: h("entityId") },
    ...(admin
      ? [
          { key: "awardId", header: h("award") },
          { key: "bookProjectId", header: h("project") },
        ]
      : []),
    { key: "changes", header: h("changes") },
    { key: "before", header: h("before") },
    { key: "after", header: h("after") },
    ...(admin ? [{ key: "ip", header: h("ip") }] : []),
  ];
  const system = t("auditLog.system");
  const gone = t("auditLog.unknownActor");
  async function* rows(): AsyncIterable<Record<string, Cell>> {
    const stream = filtered(db, scope, filters)
      .select([...COLUMNS])
      .orderBy("a.id", "desc")
      .stream(500);
    for await (const r of stream) {
      const row: Record<string, Cell> = {
        id: Number(r.id),
        at: new Date(r.at),
        actor: r.actor_id === null ? system : (r.actor_name ?? gone),
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        changes: changesText(auditChanges(r.before, r.after, 10_000)),
        before: json(r.before),
        after: json(r.after),
      };
      if (admin) {
        row.actorEmail = r.actor_email;
        row.awardId = r.award_id;
        row.bookProjectId = r.book_project_id;
        row.ip = r.ip;
      }
      yield row;
    }
  }
  return { filename, sheet: t("auditLog.sheet"), columns, rows: rows() };
}

// ── What the routes call ─────────────────────────────────────────────────────────────────────────

/** The viewer page's data for a scope: filters from the URL, one page of rows, the filter lists; 400 when a filter is invalid. */
export async function auditViewData(db: DbOrTrx, searchParams: URLSearchParams, scope: AuditScope, base: string, locale: Locale) {
  const { filters, errors, page } = parseAuditFilters(searchParams);
  const invalid = Object.keys(errors).length > 0;
  const [options, list] = await Promise.all([
    auditFilterOptions(db, scope),
    invalid ? Promise.resolve({ rows: [] as AuditRowView[], total: 0, pages: 1 }) : listAuditPage(db, scope, filters, page, locale),
  ]);
  return {
    status: invalid ? 400 : 200,
    view: { base, filters, errors, invalid, page, ...list, options, formats: [...DOWNLOADS] as string[] },
  };
}

export const AUDIT_DATASETS = ["auditlog"] as const;

/**
 * One audit-log download for a scope: the file (`auditlog.<format>`) and the filters of the URL, the
 * export itself audited before the first byte; 404 for another file, 400 with the filters' errors
 * (params.details: their keys, one per line).
 */
export async function prepareAuditExport(
  db: DbOrTrx,
  actor: Actor,
  locale: Locale,
  scope: AuditScope,
  file: string | undefined,
  searchParams: URLSearchParams,
  nameParts: string[],
): Promise<Outcome<Download>> {
  const parsed = parseExportFile(file, AUDIT_DATASETS);
  if (!parsed) return refuse(404, "errors.notFound");
  const { filters, errors } = parseAuditFilters(searchParams);
  if (Object.keys(errors).length > 0)
    return refuse(400, "auditLog.invalidFilters", { params: { details: Object.values(errors).join("\n") } });
  await recordExport(db, actor, {
    ...auditExportEntity(scope),
    dataset: "auditlog",
    format: parsed.format,
    separator: parsed.separator,
    filters: activeFilters(filters),
  });
  const spec = auditExportSpec(db, scope, filters, translator(locale), exportFilename("auditlog", ...nameParts));
  return ok({ spec, format: parsed.format, separator: parsed.separator, log: { scope } });
}
