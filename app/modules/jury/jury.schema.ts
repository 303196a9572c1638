import * as z from "zod/mini";
import { ok, refuse, type Refusal, type Success } from "~/lib/outcome";

// Shared by the organizer and juror forms (server and browser).

const EMAIL = /^[^\s@,;"<>]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
/** Addresses typed one per line or separated by commas/semicolons, lower-cased and de-duplicated. */
export const emailList = (v: string) => [
  ...new Set(
    v
      .split(/[\s,;]+/)
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
  ),
];

export const JuryInviteSchema = z.object({
  emails: z.string().check(
    z.trim(),
    z.minLength(1, { error: "errors.required" }),
    z.maxLength(5000, { error: "nominate.errors.tooLong" }),
    z.refine((v) => emailList(v).length <= 50, { error: "jury.errors.tooManyInvites" }),
    z.refine((v) => emailList(v).every((e) => EMAIL.test(e)), { error: "jury.errors.emails" }),
  ),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const text = (max: number) => z._default(z.string().check(z.trim(), z.maxLength(max, { error: "nominate.errors.tooLong" })), "");
const smallInt = (v: string) => /^\d{1,3}$/.test(v);

export const CriterionSchema = z
  .object({
    formId: z.optional(z.string()),
    criterionId: z._default(
      z.string().check(
        z.refine((v) => v === "" || UUID.test(v), {
          error: "errors.badRequest",
        }),
      ),
      "",
    ),
    nameNl: z
      .string()
      .check(z.trim(), z.minLength(1, { error: "errors.required" }), z.maxLength(120, { error: "nominate.errors.tooLong" })),
    nameEn: z
      .string()
      .check(z.trim(), z.minLength(1, { error: "errors.required" }), z.maxLength(120, { error: "nominate.errors.tooLong" })),
    descriptionNl: text(1000),
    descriptionEn: text(1000),
    weight: z.string().check(
      z.trim(),
      z.refine((v) => /^\d{1,3}([.,]\d{1,3})?$/.test(v) && Number(v.replace(",", ".")) > 0, { error: "jury.errors.weight" }),
    ),
    scaleMin: z.string().check(z.trim(), z.refine(smallInt, { error: "jury.errors.scale" })),
    scaleMax: z.string().check(z.trim(), z.refine(smallInt, { error: "jury.errors.scale" })),
    commentBelow: z._default(z.string().check(z.trim()), ""),
    anchors: text(1000),
  })
  .check(
    z.refine(
      (v) => !smallInt(v.scaleMin) || !smallInt(v.scaleMax) || (Number(v.scaleMax) > Number(v.scaleMin) && Number(v.scaleMax) <= 100),
      {
        error: "jury.errors.scaleOrder",
        path: ["scaleMax"],
      },
    ),
    z.refine(
      (v) =>
        v.commentBelow === "" ||
        (smallInt(v.commentBelow) && Number(v.commentBelow) > Number(v.scaleMin) && Number(v.commentBelow) <= Number(v.scaleMax)),
      { error: "jury.errors.commentBelow", path: ["commentBelow"] },
    ),
  );
export type CriterionInput = z.infer<typeof CriterionSchema>;

/** Removing a criterion: its id (a malformed one is a bad request, answered above the forms). */
export const DeleteCriterionSchema = z.object({
  formId: z.optional(z.string()),
  criterionId: z.string({ error: "errors.badRequest" }).check(z.regex(UUID, { error: "errors.badRequest" })),
});

export const ConflictSchema = z.object({
  reason: z
    .string()
    .check(z.trim(), z.minLength(3, { error: "jury.errors.reasonRequired" }), z.maxLength(1000, { error: "nominate.errors.tooLong" })),
});

export interface SheetCriterion {
  id: string;
  min: number;
  max: number;
  commentBelow: number | null;
}

/**
 * The scoring sheet's fields as posted (`score-<criterionId>`, `comment-<criterionId>`), read as text;
 * sheetFromForm then checks them against the round's criteria.
 */
export const SheetFormSchema = z.record(z.string(), z.string());

export type ScoreEntry = { criterionId: string; score: number; comment: string };

/** A sheet is refused (400) field by field: every invalid score and comment has its own message. */
export type SheetRefusal = Refusal & { fieldErrors: Record<string, string> };

/**
 * A scoring sheet from the form: `score-<criterionId>` (whole number in the criterion's scale, or
 * empty = not scored yet) and `comment-<criterionId>`. With `complete`, every criterion must be scored.
 * An Outcome whose refusal carries a message per field.
 */
export function sheetFromForm(
  raw: Record<string, string>,
  criteria: SheetCriterion[],
  complete: boolean,
): Success<ScoreEntry[]> | SheetRefusal {
  const entries: ScoreEntry[] = [];
  const fieldErrors: Record<string, string> = {};
  for (const c of criteria) {
    const value = (raw[`score-${c.id}`] ?? "").trim();
    const comment = (raw[`comment-${c.id}`] ?? "").trim().slice(0, 2000);
    if (value === "") {
      if (complete) fieldErrors[`score-${c.id}`] = "jury.errors.scoreRequired";
      continue;
    }
    if (!/^\d{1,3}$/.test(value) || Number(value) < c.min || Number(value) > c.max) {
      fieldErrors[`score-${c.id}`] = "jury.errors.scale";
      continue;
    }
    if (c.commentBelow !== null && Number(value) < c.commentBelow && comment === "") {
      fieldErrors[`comment-${c.id}`] = "jury.errors.commentRequired";
      continue;
    }
    entries.push({ criterionId: c.id, score: Number(value), comment });
  }
  return Object.keys(fieldErrors).length ? { ...refuse(400, "jury.errors.sheet"), fieldErrors } : ok(entries);
}
