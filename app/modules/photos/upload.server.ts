import { ok, refuse, type Outcome } from "~/lib/outcome";
import { processPhoto, type ProcessedPhoto } from "./process.server";

/** A posted file field: undici's File (or Blob) has arrayBuffer; an empty file input posts a 0-byte file. */
function fileOf(form: FormData, name: string): Blob | undefined {
  const value = form.get(name);
  return typeof value === "object" && value !== null && typeof value.arrayBuffer === "function" && value.size > 0 ? value : undefined;
}

/**
 * The photo of a posted form (field `photo`) processed, with its alt text; no file is no photo. A
 * file needs an alt text, and — where the form asks for it — the consent checkbox (`noConsent`: not ticked).
 */
export async function photoUpload(
  form: FormData,
  alt: string,
  noConsent = false,
): Promise<Outcome<{ photo?: ProcessedPhoto; alt: string }>> {
  const file = fileOf(form, "photo");
  if (!file) return ok({ alt });
  if (noConsent) return refuse(400, "photos.errors.consentRequired", { field: "photoConsent" });
  if (!alt.trim()) return refuse(400, "photos.errors.altRequired", { field: "alt" });
  const processed = await processPhoto(new Uint8Array(await file.arrayBuffer()));
  return processed.ok ? ok({ photo: processed.value, alt: alt.trim() }) : processed;
}
