// Filters of the audit log viewer and its exports, read from the query string (GET form, works
// without JavaScript). Pure and client-safe: the routes build links with the same names.

/** Query-string names (Dutch, like the rest of the app's URLs). */
export const FILTER_PARAMS = {
  actor: "wie",
  action: "actie",
  entityType: "soort",
  entityId: "onderwerp",
  from: "van",
  to: "tot",
} as const;
export const PAGE_PARAM = "pagina";

export type FilterName = keyof typeof FILTER_PARAMS;
export type AuditFilters = Record<FilterName, string>;
export type FilterErrors = Partial<Record<FilterName, string>>;

export const EMPTY_FILTERS: AuditFilters = { actor: "", action: "", entityType: "", entityId: "", from: "", to: "" };

const ACTION = /^[a-z][a-z0-9_.]{0,59}$/;
const ENTITY_TYPE = /^[a-z][a-z0-9_]{0,39}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u001F\u007F]/g;

/** A calendar date as yyyy-mm-dd (years 2000–2999), or null. */
export function isoDate(value: string): string | null {
  const m = DATE.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 2000 || y > 2999) return null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? value : null;
}

/**
 * The filters from the URL. Text is trimmed and stripped of control characters; a value that does
 * not fit gets an error key (auditLog.errors.*) and the raw value is kept for the form.
 */
export function parseAuditFilters(params: URLSearchParams): { filters: AuditFilters; errors: FilterErrors; page: number } {
  const raw = (name: FilterName) => (params.get(FILTER_PARAMS[name]) ?? "").replace(CONTROL, " ").trim();
  const filters: AuditFilters = {
    actor: raw("actor").slice(0, 100),
    action: raw("action"),
    entityType: raw("entityType"),
    entityId: raw("entityId"),
    from: raw("from"),
    to: raw("to"),
  };
  const errors: FilterErrors = {};
  if (filters.action && !ACTION.test(filters.action)) errors.action = "auditLog.errors.action";
  if (filters.entityType && !ENTITY_TYPE.test(filters.entityType)) errors.entityType = "auditLog.errors.entityType";
  if (filters.entityId.length > 100) errors.entityId = "auditLog.errors.entityId";
  if (filters.from && !isoDate(filters.from)) errors.from = "auditLog.errors.date";
  if (filters.to && !isoDate(filters.to)) errors.to = "auditLog.errors.date";
  if (!errors.from && !errors.to && filters.from && filters.to && filters.to < filters.from) errors.to = "auditLog.errors.range";
  const pageText = params.get(PAGE_PARAM) ?? "";
  const page = /^\d{1,6}$/.test(pageText) && Number(pageText) >= 1 ? Number(pageText) : 1;
  return { filters, errors, page };
}

/** The query string of the filters (empty ones left out), optionally with a page. */
export function filterQuery(filters: AuditFilters, page?: number): string {
  const params = new URLSearchParams();
  for (const name of Object.keys(FILTER_PARAMS) as FilterName[]) if (filters[name]) params.set(FILTER_PARAMS[name], filters[name]);
  if (page && page > 1) params.set(PAGE_PARAM, String(page));
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** Only the filters that are set, for the audit entry of an export. */
export function activeFilters(filters: AuditFilters): Partial<AuditFilters> {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as Partial<AuditFilters>;
}
