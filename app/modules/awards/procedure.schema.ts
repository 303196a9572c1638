import * as z from "zod/mini";
import { checkbox } from "~/lib/checkbox";

// Organizer forms for an edition's settings, categories and rounds. Times are typed as local
// Amsterdam time (datetime-local) and converted by PostgreSQL.

const LOCAL_DATETIME_SHAPE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
/** A real calendar date and time (2099-02-31 or 25:00 are refused here, not by PostgreSQL). */
export function isLocalDateTime(v: string): boolean {
  const m = LOCAL_DATETIME_SHAPE.exec(v);
  if (!m) return false;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi));
  return y >= 2000 && y <= 2200 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60;
}
const LOCAL_DATETIME = { test: isLocalDateTime };
const datetime = z
  .string()
  .check(z.trim(), z.minLength(1, { error: "errors.required" }), z.refine(isLocalDateTime, { error: "procedure.errors.datetime" }));
const optionalDatetime = z._default(
  z.string().check(
    z.trim(),
    z.refine((v) => v === "" || LOCAL_DATETIME.test(v), { error: "procedure.errors.datetime" }),
  ),
  "",
);
const name = z
  .string()
  .check(z.trim(), z.minLength(1, { error: "errors.required" }), z.maxLength(200, { error: "nominate.errors.tooLong" }));
const longText = z._default(z.string().check(z.trim(), z.maxLength(4000, { error: "nominate.errors.tooLong" })), "");
const formId = z.optional(z.string());
/** The short name in a link: lower-case words joined by hyphens. */
const slug = z
  .string()
  .check(
    z.trim(),
    z.toLowerCase(),
    z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: "procedure.errors.slug" }),
    z.maxLength(60, { error: "nominate.errors.tooLong" }),
  );

export const EditionSettingsSchema = z
  .object({
    formId,
    descriptionNl: longText,
    descriptionEn: longText,
    themeNl: z._default(z.string().check(z.trim(), z.maxLength(200, { error: "nominate.errors.tooLong" })), ""),
    themeEn: z._default(z.string().check(z.trim(), z.maxLength(200, { error: "nominate.errors.tooLong" })), ""),
    criteriaNl: longText,
    criteriaEn: longText,
    nomineeKind: z.enum(["person", "organisation"], { error: "errors.invalidChoice" }),
    maxAge: z._default(
      z.string().check(
        z.trim(),
        z.refine((v) => v === "" || (/^\d{2,3}$/.test(v) && Number(v) >= 16 && Number(v) <= 120), { error: "procedure.errors.maxAge" }),
      ),
      "",
    ),
    opensAt: datetime,
    closesAt: datetime,
    perMember: z.string().check(
      z.trim(),
      z.refine((v) => /^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= 100, { error: "procedure.errors.perMember" }),
    ),
    // The ceremony and the jury reminders (ADR 0013).
    ceremonyAt: optionalDatetime,
    ceremonyPlace: z._default(z.string().check(z.trim(), z.maxLength(200, { error: "notices.errors.placeTooLong" })), ""),
    juryReminderDays: z._default(
      z.string().check(
        z.trim(),
        z.refine((v) => /^\d{1,2}$/.test(v) && Number(v) <= 30, { error: "notices.errors.juryReminderDays" }),
      ),
      "3",
    ),
  })
  .check(
    z.refine((v) => !LOCAL_DATETIME.test(v.opensAt) || !LOCAL_DATETIME.test(v.closesAt) || v.closesAt > v.opensAt, {
      error: "procedure.errors.window",
      path: ["closesAt"],
    }),
  );
export type EditionSettingsInput = z.infer<typeof EditionSettingsSchema>;

export const CategorySchema = z.object({
  formId,
  slug,
  nameNl: name,
  nameEn: name,
});
export type CategoryInput = z.infer<typeof CategorySchema>;

export const JURY_VISIBILITIES = ["never", "after_own", "after_close"] as const;
export const BALLOT_MODES = ["single", "approval", "ranked"] as const;
export const ELIGIBILITIES = ["verified", "domains", "invite", "providers"] as const;
/** Identity provider slugs typed as a list (a round limited to identity providers, ADR 0025). */
export const providerList = (v: string) => v.split(/[\s,;]+/).filter(Boolean);
const PROVIDER_SLUG = /^[a-z0-9][a-z0-9-]{0,39}$/;
/** Organisation names (as the providers' organisation claim gives them), one per line or separated by semicolons. */
export const organisationList = (v: string) =>
  v
    .split(/[\n;]+/)
    .map((o) => o.trim())
    .filter(Boolean);
export const TIE_BREAKS = ["include_all", "organizer", "first_preferences"] as const;
const DOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
/** Domains typed as a list separated by commas, spaces or new lines. */
export const domainList = (v: string) => v.split(/[\s,;]+/).filter(Boolean);
export const ROUND_KINDS = ["public_vote", "jury", "organizer_selection", "live_vote"] as const;
export const ADVANCEMENTS = ["top_k", "organizer", "none"] as const;

export const RoundSchema = z
  .object({
    formId,
    roundId: z._default(z.string(), ""),
    kind: z.enum(ROUND_KINDS, { error: "errors.invalidChoice" }),
    nameNl: name,
    nameEn: name,
    opensAt: optionalDatetime,
    closesAt: optionalDatetime,
    source: z.enum(["all", "previous"], { error: "errors.invalidChoice" }),
    advancement: z.enum(ADVANCEMENTS, { error: "errors.invalidChoice" }),
    advanceK: z._default(z.string().check(z.trim()), ""),
    ballotMode: z._default(z.enum(BALLOT_MODES, { error: "errors.invalidChoice" }), "single"),
    maxChoices: z._default(z.string().check(z.trim()), "1"),
    allowChange: checkbox,
    showLiveTotals: checkbox,
    eligibility: z._default(z.enum(ELIGIBILITIES, { error: "errors.invalidChoice" }), "verified"),
    domains: z._default(z.string().check(z.trim(), z.toLowerCase(), z.maxLength(2000, { error: "nominate.errors.tooLong" })), ""),
    providers: z._default(z.string().check(z.trim(), z.toLowerCase(), z.maxLength(500, { error: "nominate.errors.tooLong" })), ""),
    organisations: z._default(z.string().check(z.trim(), z.maxLength(2000, { error: "nominate.errors.tooLong" })), ""),
    tieBreak: z._default(z.enum(TIE_BREAKS, { error: "errors.invalidChoice" }), "include_all"),
    juryVisibility: z._default(z.enum(JURY_VISIBILITIES, { error: "errors.invalidChoice" }), "after_close"),
    blind: checkbox,
    showVotePosition: checkbox,
    aggregation: z._default(z.enum(["mean", "median"], { error: "errors.invalidChoice" }), "mean"),
    normalize: checkbox,
    showMotivations: checkbox,
    minScores: z._default(
      z.string().check(
        z.trim(),
        z.refine((v) => /^\d{1,2}$/.test(v) && Number(v) >= 1 && Number(v) <= 50, { error: "procedure.errors.minScores" }),
      ),
      "3",
    ),
  })
  .check(
    z.refine(
      (v) => v.ballotMode === "single" || (/^\d{1,2}$/.test(v.maxChoices) && Number(v.maxChoices) >= 2 && Number(v.maxChoices) <= 20),
      {
        error: "procedure.errors.maxChoices",
        path: ["maxChoices"],
      },
    ),
    z.refine(
      (v) => v.eligibility !== "domains" || (domainList(v.domains).length > 0 && domainList(v.domains).every((d) => DOMAIN.test(d))),
      {
        error: "procedure.errors.domains",
        path: ["domains"],
      },
    ),
    z.refine(
      (v) =>
        v.eligibility !== "providers" ||
        (providerList(v.providers).length > 0 && providerList(v.providers).every((p) => PROVIDER_SLUG.test(p))),
      { error: "oidc.eligibility.errors.providers", path: ["providers"] },
    ),
    z.refine((v) => v.advancement === "none" || (/^\d{1,4}$/.test(v.advanceK) && Number(v.advanceK) >= 1), {
      error: "procedure.errors.advanceK",
      path: ["advanceK"],
    }),
    z.refine((v) => v.opensAt === "" || v.closesAt === "" || v.closesAt > v.opensAt, {
      error: "procedure.errors.window",
      path: ["closesAt"],
    }),
  );
export type RoundInput = z.infer<typeof RoundSchema>;

export const DeleteRoundSchema = z.object({ formId, roundId: z.string() });

export const AwardSchema = z.object({
  slug,
  nameNl: name,
  nameEn: name,
});
export type AwardInput = z.infer<typeof AwardSchema>;

export const NewEditionSchema = z.object({
  year: z.string().check(
    z.trim(),
    z.refine((v) => /^\d{4}$/.test(v) && Number(v) >= 2000 && Number(v) <= 2200, { error: "procedure.errors.year" }),
  ),
});
