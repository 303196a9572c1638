import * as z from "zod/mini";
import { isLocalDateTime } from "~/modules/awards/procedure.schema";

// Editors' forms for a book project's settings and themes, and the admin's form for a new project.
// Deadlines are typed as local Amsterdam time (datetime-local) and converted by PostgreSQL.

const formId = z.optional(z.string());
const title = z.string().check(z.trim(), z.minLength(1, { error: "errors.required" }), z.maxLength(200, { error: "book.errors.tooLong" }));
const description = z._default(z.string().check(z.trim(), z.maxLength(4000, { error: "book.errors.tooLong" })), "");
const deadline = z._default(
  z.string().check(
    z.trim(),
    z.refine((v) => v === "" || isLocalDateTime(v), { error: "book.errors.datetime" }),
  ),
  "",
);
const intIn = (min: number, max: number, error: string) =>
  z.string().check(
    z.trim(),
    z.refine((v) => /^\d{1,5}$/.test(v) && Number(v) >= min && Number(v) <= max, { error }),
  );
const slug = z
  .string()
  .check(
    z.trim(),
    z.toLowerCase(),
    z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: "book.errors.slug" }),
    z.maxLength(60, { error: "book.errors.tooLong" }),
  );

const ordered = (a: string, b: string) => a === "" || b === "" || !isLocalDateTime(a) || !isLocalDateTime(b) || a <= b;

export const ProjectSettingsSchema = z
  .object({
    formId,
    titleNl: title,
    titleEn: title,
    descriptionNl: description,
    descriptionEn: description,
    targetCount: intIn(1, 1000, "book.errors.target"),
    periodFrom: intIn(1500, 2100, "book.errors.year"),
    periodTo: intIn(1500, 2100, "book.errors.year"),
    wordsMin: intIn(50, 20000, "book.errors.words"),
    wordsMax: intIn(50, 20000, "book.errors.words"),
    proposalsCloseAt: deadline,
    claimsCloseAt: deadline,
    draftsDueAt: deadline,
    finalDueAt: deadline,
  })
  .check(
    z.refine((v) => Number(v.periodFrom) < Number(v.periodTo), { error: "book.errors.period", path: ["periodTo"] }),
    z.refine((v) => Number(v.wordsMin) <= Number(v.wordsMax), { error: "book.errors.wordRange", path: ["wordsMax"] }),
    z.refine((v) => ordered(v.proposalsCloseAt, v.claimsCloseAt), { error: "book.errors.deadlineOrder", path: ["claimsCloseAt"] }),
    z.refine((v) => ordered(v.claimsCloseAt, v.draftsDueAt), { error: "book.errors.deadlineOrder", path: ["draftsDueAt"] }),
    z.refine((v) => ordered(v.draftsDueAt, v.finalDueAt), { error: "book.errors.deadlineOrder", path: ["finalDueAt"] }),
  );
export type ProjectSettingsInput = z.infer<typeof ProjectSettingsSchema>;

const themeName = z
  .string()
  .check(z.trim(), z.minLength(1, { error: "errors.required" }), z.maxLength(80, { error: "book.errors.tooLong" }));
export const ThemeSchema = z.object({ formId, slug, nameNl: themeName, nameEn: themeName });
export type ThemeInput = z.infer<typeof ThemeSchema>;

export const ThemeIdSchema = z.object({
  formId,
  themeId: z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: "errors.invalidChoice" })),
});

export const NewProjectSchema = z.object({ slug, titleNl: title, titleEn: title });
export type NewProjectInput = z.infer<typeof NewProjectSchema>;
