import * as z from "zod/mini";

export const PRIZE_KINDS = ["jury", "public", "top100", "combined"] as const;

const weight = z._default(z.string().check(z.trim()), "");
const isWeight = (v: string) => /^\d{1,3}([.,]\d{1,2})?$/.test(v);

export const PrizeSchema = z
  .object({
    kind: z.enum(PRIZE_KINDS, { error: "errors.invalidChoice" }),
    nameNl: z
      .string()
      .check(z.trim(), z.minLength(1, { error: "errors.required" }), z.maxLength(120, { error: "nominate.errors.tooLong" })),
    nameEn: z
      .string()
      .check(z.trim(), z.minLength(1, { error: "errors.required" }), z.maxLength(120, { error: "nominate.errors.tooLong" })),
    voteRound: z._default(z.string().check(z.trim()), ""),
    juryRound: z._default(z.string().check(z.trim()), ""),
    publicWeight: weight,
    juryWeight: weight,
    places: z._default(z.string().check(z.trim()), "3"),
  })
  .check(
    z.refine((v) => v.kind === "jury" || /^\d{1,3}$/.test(v.voteRound), { error: "results.errors.voteRound", path: ["voteRound"] }),
    z.refine((v) => (v.kind !== "jury" && v.kind !== "combined") || /^\d{1,3}$/.test(v.juryRound), {
      error: "results.errors.juryRound",
      path: ["juryRound"],
    }),
    z.refine(
      (v) =>
        v.kind !== "combined" ||
        (isWeight(v.publicWeight) &&
          isWeight(v.juryWeight) &&
          Number(v.publicWeight.replace(",", ".")) + Number(v.juryWeight.replace(",", ".")) > 0),
      { error: "results.errors.weights", path: ["publicWeight"] },
    ),
    z.refine((v) => v.kind === "top100" || (/^\d{1,3}$/.test(v.places) && Number(v.places) >= 1 && Number(v.places) <= 100), {
      error: "results.errors.places",
      path: ["places"],
    }),
  );
export type PrizeInput = z.infer<typeof PrizeSchema>;

export const PublishSchema = z.object({
  reason: z._default(z.string().check(z.trim(), z.maxLength(1000, { error: "nominate.errors.tooLong" })), ""),
});

/** Removing a prize: its id (a malformed one is a bad request). */
export const DeletePrizeSchema = z.object({
  prizeId: z
    .string({ error: "errors.badRequest" })
    .check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { error: "errors.badRequest" })),
});

const MOTIVATION_MAX = 2000;
const motivation = z._default(z.string().check(z.trim(), z.maxLength(MOTIVATION_MAX, { error: "juryReport.errors.tooLong" })), "");

/**
 * The jury's motivation of one prize, in Dutch and English (both, or neither to remove it), at most
 * 2,000 characters each. `formId` tells the page's several motivation forms apart.
 */
export const MotivationSchema = z
  .object({
    formId: z._default(z.string(), ""),
    prizeId: z
      .string({ error: "errors.badRequest" })
      .check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { error: "errors.badRequest" })),
    motivationNl: motivation,
    motivationEn: motivation,
  })
  .check(
    z.refine((v) => v.motivationEn === "" || v.motivationNl !== "", { error: "juryReport.errors.dutchMissing", path: ["motivationNl"] }),
    z.refine((v) => v.motivationNl === "" || v.motivationEn !== "", { error: "juryReport.errors.englishMissing", path: ["motivationEn"] }),
  );
export type MotivationInput = z.infer<typeof MotivationSchema>;
export { MOTIVATION_MAX };
