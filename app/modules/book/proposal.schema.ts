import * as z from "zod/mini";
import { checkbox } from "~/lib/checkbox";

// Shared by the proposal forms (react-hook-form in the browser) and the actions. Messages are translation keys.

export const NAME_MIN = 2;
export const NAME_MAX = 120;
export const TEXT_MAX = 200;
export const MOTIVATION_MIN = 150;
export const MOTIVATION_MAX = 3000;
export const SOURCE_TITLE_MAX = 300;
export const SOURCE_URL_MAX = 2000;
export const SOURCE_ROWS = [1, 2, 3] as const;
export const COMMENT_MAX = 2000;
/** The earliest and latest birth year a proposal may give (the database's check agrees). */
export const BIRTH_MIN = 1700;
export const BIRTH_MAX = 2010;
/** A civil servant starts working at 12 at the earliest; nobody lives longer than 115 years. */
export const SERVICE_MIN_AGE = 12;
export const LIFE_MAX = 115;

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The project's limits the years are judged by; the current year is the database's. */
export interface YearLimits {
  periodFrom: number;
  periodTo: number;
  currentYear: number;
}

const text = (min: number, max: number) =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1, { error: "errors.required" }),
      z.minLength(min, { error: "bookProposals.errors.tooShort" }),
      z.maxLength(max, { error: "bookProposals.errors.tooLong" }),
    );

const optionalText = (max: number) =>
  z._default(z.string().check(z.trim(), z.maxLength(max, { error: "bookProposals.errors.tooLong" })), "");

const year = z
  .string()
  .check(z.trim(), z.minLength(1, { error: "errors.required" }), z.regex(/^\d{4}$/, { error: "bookProposals.errors.year" }));
const optionalYear = z._default(
  z.string().check(
    z.trim(),
    z.refine((v) => v === "" || /^\d{4}$/.test(v), { error: "bookProposals.errors.year" }),
  ),
  "",
);

const uuid = z.string().check(z.regex(UUID_RE, { error: "errors.invalidChoice" }));

export function isHttpsUrl(value: string): boolean {
  if (!/^https:\/\/\S+$/.test(value) || value.length > SOURCE_URL_MAX) return false;
  try {
    const url = new URL(value);
    return url.protocol === "https:" && Boolean(url.hostname) && !url.username && !url.password;
  } catch {
    return false;
  }
}

type Issue = { path: string; message: string };

/**
 * The year rules "within reason", as issues per field: born 1700..end of the period (2010 at the
 * latest); death after
 * birth, within 115 years and not in the future; in service from age 12, not after death; the
 * service overlaps the project's period. The database checks the same (book_proposal_years).
 */
export function yearIssues(
  v: { birthYear: string; deathYear: string; serviceFrom: string; serviceTo: string },
  limits: YearLimits,
): Issue[] {
  const issues: Issue[] = [];
  const birth = Number(v.birthYear);
  const death = v.deathYear === "" ? null : Number(v.deathYear);
  const from = Number(v.serviceFrom);
  const to = Number(v.serviceTo);
  if (birth < BIRTH_MIN || birth > Math.min(limits.periodTo, BIRTH_MAX))
    issues.push({ path: "birthYear", message: "bookProposals.errors.birthYear" });
  if (death !== null) {
    if (death < birth || death > birth + LIFE_MAX) issues.push({ path: "deathYear", message: "bookProposals.errors.deathYear" });
    else if (death > limits.currentYear) issues.push({ path: "deathYear", message: "bookProposals.errors.deathFuture" });
  }
  if (from < birth + SERVICE_MIN_AGE) issues.push({ path: "serviceFrom", message: "bookProposals.errors.serviceTooYoung" });
  if (to < from) issues.push({ path: "serviceTo", message: "bookProposals.errors.serviceOrder" });
  else if (death !== null && to > death) issues.push({ path: "serviceTo", message: "bookProposals.errors.serviceAfterDeath" });
  else if (to > limits.currentYear) issues.push({ path: "serviceTo", message: "bookProposals.errors.serviceFuture" });
  else if (to < limits.periodFrom || from > limits.periodTo)
    issues.push({ path: "serviceFrom", message: "bookProposals.errors.outsidePeriod" });
  return issues;
}

const sourceFields = {
  source1Title: optionalText(SOURCE_TITLE_MAX),
  source1Url: optionalText(SOURCE_URL_MAX),
  source2Title: optionalText(SOURCE_TITLE_MAX),
  source2Url: optionalText(SOURCE_URL_MAX),
  source3Title: optionalText(SOURCE_TITLE_MAX),
  source3Url: optionalText(SOURCE_URL_MAX),
};

/** The proposal form's schema for one project (its period decides which years are reasonable). */
export function proposalSchema(limits: YearLimits) {
  return z
    .object({
      name: text(NAME_MIN, NAME_MAX),
      birthYear: year,
      deathYear: optionalYear,
      serviceFrom: year,
      serviceTo: year,
      organisation: text(2, TEXT_MAX),
      role: text(2, TEXT_MAX),
      motivation: text(MOTIVATION_MIN, MOTIVATION_MAX),
      themeId: uuid,
      ...sourceFields,
      /** "I checked the similar proposals: this is a different person." */
      confirmDifferent: checkbox,
    })
    .check(
      z.superRefine((v, ctx) => {
        for (const issue of yearIssues(v, limits)) ctx.issues.push({ code: "custom", input: v, ...issue, path: [issue.path] });
        // Sources: a title and an https link each; the first row is required, the others optional.
        for (const n of SOURCE_ROWS) {
          const title = v[`source${n}Title`];
          const url = v[`source${n}Url`];
          if (n > 1 && !title && !url) continue;
          if (!title) ctx.issues.push({ code: "custom", input: title, path: [`source${n}Title`], message: "errors.required" });
          // Characters as PostgreSQL counts them (code points), like zod's length checks.
          else if ([...title].length < 2)
            ctx.issues.push({ code: "custom", input: title, path: [`source${n}Title`], message: "bookProposals.errors.tooShort" });
          if (!url) ctx.issues.push({ code: "custom", input: url, path: [`source${n}Url`], message: "errors.required" });
          else if (!isHttpsUrl(url))
            ctx.issues.push({ code: "custom", input: url, path: [`source${n}Url`], message: "bookProposals.errors.sourceUrl" });
        }
      }),
    );
}
export type ProposalInput = z.infer<ReturnType<typeof proposalSchema>>;

/** The sources of a parsed form, in order, empty rows left out. */
export function sourcesOf(input: ProposalInput): Array<{ title: string; url: string }> {
  return SOURCE_ROWS.map((n) => ({ title: input[`source${n}Title`], url: input[`source${n}Url`] })).filter((s) => s.title && s.url);
}

export const CommentSchema = z.object({ body: text(1, COMMENT_MAX) });
export type CommentInput = z.infer<typeof CommentSchema>;

export const PUBLIC_STATUSES = ["proposed", "shortlisted", "selected"] as const;
export const ALL_STATUSES = ["proposed", "shortlisted", "selected", "rejected", "merged"] as const;
export type ProposalStatus = (typeof ALL_STATUSES)[number];
export const SORTS = ["steun", "nieuw", "naam"] as const;
export type Sort = (typeof SORTS)[number];
