import * as z from "zod/mini";
import { checkbox } from "~/lib/checkbox";
import { ConsentSchema } from "~/modules/awards/nomination.schema";
import { ALT_MAX } from "./photo";

// The photo fields of a form (the file itself is read from the form by the action, not by the schema).

const uuid = z
  .string()
  .check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: "errors.invalidChoice" }));
/** An alt text: required where a photo is, at most ALT_MAX characters. */
export const alt = z._default(z.string().check(z.trim(), z.maxLength(ALT_MAX, { error: "photos.errors.altLong" })), "");

/** The consent page: the decision, plus the consent to a photo and the photo's alt text. */
export const ConsentWithPhotoSchema = z.extend(ConsentSchema, { photoConsent: checkbox, alt });

/** The organizer's photo form on the moderation page (intent "photo"). */
export const PhotoSchema = z.object({
  nomineeId: uuid,
  alt: z
    .string()
    .check(z.trim(), z.minLength(1, { error: "photos.errors.altRequired" }), z.maxLength(ALT_MAX, { error: "photos.errors.altLong" })),
});
/** Removing the photo (intent "photoRemove"). */
export const RemovePhotoSchema = z.object({ nomineeId: uuid });
