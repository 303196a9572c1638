import * as z from "zod/mini";
import { isHttpsUrl as isHttpsLink } from "./proposal.schema";

// Forms of authors: the sign-up / profile and the ranked claims. Shared by the browser form and the
// action; messages are translation keys. Limits that depend on the project (its period, its themes)
// are checked by the service.

export const BIO_MIN = 20;
export const BIO_MAX = 1500;
export const AVAILABILITY_MAX = 500;
export const CLAIM_MOTIVATION_MAX = 1000;
export const RANKS = [1, 2, 3] as const;

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const formId = z.optional(z.string());

const optionalYear = z._default(
  z.string().check(
    z.trim(),
    z.refine((v) => v === "" || (/^\d{4}$/.test(v) && Number(v) >= 1500 && Number(v) <= 2100), { error: "bookWriting.errors.year" }),
  ),
  "",
);

/**
 * A link to earlier work: the raw text must itself be what the database accepts (`https://`, lower
 * case, no white space; see proposal.schema), and the host needs a dot.
 */
export function isHttpsUrl(v: string): boolean {
  return isHttpsLink(v) && new URL(v).hostname.includes(".");
}

export const AuthorSchema = z
  .object({
    formId,
    bio: z
      .string()
      .check(
        z.trim(),
        z.minLength(1, { error: "errors.required" }),
        z.minLength(BIO_MIN, { error: "bookWriting.errors.bioShort" }),
        z.maxLength(BIO_MAX, { error: "bookWriting.errors.bioLong" }),
      ),
    periodFrom: optionalYear,
    periodTo: optionalYear,
    writingUrl: z._default(
      z.string().check(
        z.trim(),
        z.refine((v) => v === "" || isHttpsUrl(v), { error: "bookWriting.errors.url" }),
      ),
      "",
    ),
    capacity: z.string().check(z.refine((v) => v === "1" || v === "2" || v === "3", { error: "bookWriting.errors.capacity" })),
    availability: z._default(
      z.string().check(z.trim(), z.maxLength(AVAILABILITY_MAX, { error: "bookWriting.errors.availabilityLong" })),
      "",
    ),
  })
  .check(
    z.refine((v) => v.periodFrom === "" || v.periodTo === "" || Number(v.periodFrom) <= Number(v.periodTo), {
      error: "bookWriting.errors.periodOrder",
      path: ["periodTo"],
    }),
  );
export type AuthorInput = z.infer<typeof AuthorSchema>;

const choice = z._default(z.string().check(z.refine((v) => v === "" || UUID_PATTERN.test(v), { error: "bookWriting.errors.choice" })), "");
const motivation = z._default(
  z.string().check(z.trim(), z.maxLength(CLAIM_MOTIVATION_MAX, { error: "bookWriting.errors.motivationLong" })),
  "",
);

/** Three ranked wishes: the first is required, each chosen wish needs a motivation, no portrait twice. */
export const ClaimsSchema = z
  .object({
    formId,
    choice1: z.string().check(z.refine((v) => UUID_PATTERN.test(v), { error: "bookWriting.errors.firstChoice" })),
    motivation1: motivation,
    choice2: choice,
    motivation2: motivation,
    choice3: choice,
    motivation3: motivation,
  })
  .check(
    z.refine((v) => v.motivation1 !== "", { error: "bookWriting.errors.motivation", path: ["motivation1"] }),
    z.refine((v) => v.choice2 === "" || v.motivation2 !== "", { error: "bookWriting.errors.motivation", path: ["motivation2"] }),
    z.refine((v) => v.choice3 === "" || v.motivation3 !== "", { error: "bookWriting.errors.motivation", path: ["motivation3"] }),
    z.refine((v) => v.choice2 === "" || v.choice2 !== v.choice1, { error: "bookWriting.errors.sameTwice", path: ["choice2"] }),
    z.refine((v) => v.choice3 === "" || (v.choice3 !== v.choice1 && v.choice3 !== v.choice2), {
      error: "bookWriting.errors.sameTwice",
      path: ["choice3"],
    }),
    z.refine((v) => v.choice3 === "" || v.choice2 !== "", { error: "bookWriting.errors.thirdWithoutSecond", path: ["choice3"] }),
  );
export type ClaimsInput = z.infer<typeof ClaimsSchema>;

/** The wishes of a claims form as ranked pairs (empty choices left out). */
export function rankedClaims(v: ClaimsInput): Array<{ rank: 1 | 2 | 3; proposalId: string; motivation: string }> {
  const out: Array<{ rank: 1 | 2 | 3; proposalId: string; motivation: string }> = [];
  const rows = [
    [v.choice1, v.motivation1],
    [v.choice2, v.motivation2],
    [v.choice3, v.motivation3],
  ] as const;
  rows.forEach(([proposalId, motivation], i) => {
    if (proposalId) out.push({ rank: (i + 1) as 1 | 2 | 3, proposalId, motivation });
  });
  return out;
}
