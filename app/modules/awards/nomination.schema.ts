import * as z from "zod/mini";
import { checkbox } from "~/lib/checkbox";
import { emailSchema } from "~/modules/accounts/account.schema";

// Shared by the nomination forms (react-hook-form in the browser) and the actions. Messages are translation keys.

export const MOTIVATION_MIN = 50;
export const MOTIVATION_MAX = 2000;
export const PITCH_MAX = 140;
export const STORY_MIN = 200;
export const STORY_MAX = 6000;

/** Pitch videos only from these hosts, only over https. */
export const VIDEO_HOSTS = ["youtube.com", "www.youtube.com", "youtu.be", "vimeo.com", "player.vimeo.com", "www.vimeo.com"];

export function isAllowedVideoUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && VIDEO_HOSTS.includes(url.hostname) && !url.username && !url.password;
  } catch {
    return false;
  }
}

const text = (min: number, max: number, tooShort: string, tooLong: string, required = "errors.required") =>
  z
    .string()
    .check(z.trim(), z.minLength(1, { error: required }), z.minLength(min, { error: tooShort }), z.maxLength(max, { error: tooLong }));

const optionalText = (max: number, tooLong: string) => z._default(z.string().check(z.trim(), z.maxLength(max, { error: tooLong })), "");

const uuid = z
  .string()
  .check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: "errors.invalidChoice" }));

/**
 * A key made when the nomination page was loaded and posted with the form (also again after a failed
 * submit), so the service recognises a repeat of a submission it already stored. Empty counts as none.
 */
const submissionKey = z.optional(
  z.pipe(
    z.union([z.literal(""), uuid]),
    z.transform((v) => v || undefined),
  ),
);

const videoUrl = z._default(
  z.string().check(
    z.trim(),
    z.refine((v) => v === "" || isAllowedVideoUrl(v), { error: "nominate.errors.videoUrl" }),
  ),
  "",
);

const optionalEmail = z._default(
  z.string().check(
    z.trim(),
    z.toLowerCase(),
    z.refine((v) => v === "" || z.email().safeParse(v).success, { error: "errors.email" }),
  ),
  "",
);

/** Age as typed; the edition's maximum is checked by the service (it depends on the edition). */
const age = z._default(
  z.string().check(
    z.trim(),
    z.refine((v) => v === "" || (/^\d{1,3}$/.test(v) && Number(v) >= 14 && Number(v) <= 120), { error: "nominate.errors.age" }),
  ),
  "",
);

const motivation = text(
  MOTIVATION_MIN,
  MOTIVATION_MAX,
  "nominate.errors.motivationShort",
  "nominate.errors.motivationLong",
  "forms.errors.motivationRequired",
);
const relation = text(2, 200, "forms.errors.relationTooShort", "nominate.errors.tooLong", "forms.errors.relationRequired");

/** The category starts empty on the form ("Kies een categorie"): choosing none is refused by name. */
const category = z
  .string()
  .check(
    z.minLength(1, { error: "forms.errors.categoryRequired" }),
    z.regex(/^$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: "errors.invalidChoice" }),
  );

export const PersonNominationSchema = z
  .object({
    categoryId: category,
    name: text(2, 200, "forms.errors.nameTooShort", "nominate.errors.tooLong", "forms.errors.nomineeNameRequired"),
    organisation: text(2, 200, "forms.errors.organisationTooShort", "nominate.errors.tooLong", "forms.errors.organisationRequired"),
    email: emailSchema("forms.errors.nomineeEmailRequired"),
    age,
    motivation,
    videoUrl,
    relation,
    anonymous: checkbox,
    ref1Name: optionalText(200, "nominate.errors.tooLong"),
    ref1Email: optionalEmail,
    ref1Relation: optionalText(200, "nominate.errors.tooLong"),
    ref2Name: optionalText(200, "nominate.errors.tooLong"),
    ref2Email: optionalEmail,
    ref2Relation: optionalText(200, "nominate.errors.tooLong"),
    submissionKey,
  })
  .check(
    z.superRefine((v, ctx) => {
      // A reference needs both a name and an address, or neither.
      for (const n of [1, 2] as const) {
        const name = v[`ref${n}Name`];
        const email = v[`ref${n}Email`];
        if (name && !email)
          ctx.issues.push({ code: "custom", input: email, path: [`ref${n}Email`], message: "nominate.errors.referenceIncomplete" });
        if (email && !name)
          ctx.issues.push({ code: "custom", input: name, path: [`ref${n}Name`], message: "nominate.errors.referenceIncomplete" });
      }
    }),
  );
export type PersonNominationInput = z.infer<typeof PersonNominationSchema>;

export const OrganisationNominationSchema = z.object({
  categoryId: category,
  name: text(2, 200, "forms.errors.nameTooShort", "nominate.errors.tooLong", "forms.errors.orgNameRequired"),
  email: emailSchema("forms.errors.orgEmailRequired"),
  pitch: text(10, PITCH_MAX, "nominate.errors.pitchShort", "nominate.errors.pitchLong", "forms.errors.pitchRequired"),
  story: text(STORY_MIN, STORY_MAX, "nominate.errors.storyShort", "nominate.errors.storyLong", "forms.errors.storyRequired"),
  videoUrl,
  relation,
  anonymous: checkbox,
  submissionKey,
});
export type OrganisationNominationInput = z.infer<typeof OrganisationNominationSchema>;

export const SupportSchema = z.object({ motivation, relation, anonymous: checkbox });
export type SupportInput = z.infer<typeof SupportSchema>;

export const ReferenceStatementSchema = z.object({
  token: z.string().check(z.minLength(20, { error: "errors.invalid" }), z.maxLength(200, { error: "errors.invalid" })),
  statement: text(20, 5000, "nominate.errors.statementShort", "nominate.errors.statementLong"),
});

export const ConsentSchema = z.object({
  token: z.string().check(z.minLength(20, { error: "errors.invalid" }), z.maxLength(200, { error: "errors.invalid" })),
  decision: z.enum(["accept", "decline"], { error: "errors.invalidChoice" }),
});

/**
 * The nomination form of an edition's kind of nominee, chosen when a post is parsed: the kind is
 * known only once the edition is loaded (the action's guard), after this schema is made. Made per
 * request, since the choice is kept once made.
 */
export const nominationSchemaOf = (kind: "person" | "organisation") =>
  kind === "person" ? PersonNominationSchema : OrganisationNominationSchema;
