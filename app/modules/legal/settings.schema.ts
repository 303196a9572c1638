import "~/i18n/page-texts/legal";
import * as z from "zod/mini";
import { EmailSchema } from "~/modules/accounts/account.schema";

// The organisation-specific parts of the legal pages, as a platform admin sets them on
// /beheer/instellingen. Shared by the browser form and the action; the database checks the same limits.

/** WCAG 2.1 AA status in the words of the model statement (digitoegankelijk.nl): A–D. */
export const COMPLIANCE = ["full", "partial", "initial", "none"] as const;
export type Compliance = (typeof COMPLIANCE)[number];

const text = (max: number, required: boolean) =>
  z
    .string()
    .check(
      z.trim(),
      ...(required ? [z.minLength(1, { error: "legal.errors.required" })] : []),
      z.maxLength(max, { error: "legal.errors.tooLong" }),
    );

/** A calendar day as the date input sends it (YYYY-MM-DD), and a real one (no 31 February). */
const day = z.string().check(
  z.trim(),
  z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: "legal.errors.date" }),
  z.refine(
    (v) => {
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && v >= "2000-01-01" && v <= "2100-12-31";
    },
    { error: "legal.errors.date" },
  ),
);

export const LegalSettingsSchema = z.object({
  organisation: text(200, true),
  controller: text(200, true),
  contactEmail: EmailSchema,
  postalAddress: text(300, false),
  dpoName: text(200, true),
  dpoEmail: EmailSchema,
  statementDate: day,
  lastCheckDate: day,
  compliance: z.enum(COMPLIANCE, { error: "legal.errors.compliance" }),
  limitationsNl: text(4000, false),
  limitationsEn: text(4000, false),
});
export type LegalSettingsInput = z.infer<typeof LegalSettingsSchema>;
