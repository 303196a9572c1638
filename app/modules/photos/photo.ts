// Client-safe facts about candidate photos (ADR 0017): limits the forms state, and the image address.

/** The largest upload accepted (the original file, before processing). */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
/** The largest request body of a page that takes a photo: the file plus the other fields of its form. */
export const MAX_PHOTO_REQUEST_BYTES = MAX_PHOTO_BYTES + 256 * 1024;
/** What a browser offers to pick; the server decides by the file's first bytes, not its name or type. */
export const PHOTO_ACCEPT = "image/jpeg,image/png,image/webp";
/** An alt text is at most this long. */
export const ALT_MAX = 300;

/** The pages whose forms post a photo: they may send a body up to MAX_PHOTO_REQUEST_BYTES. */
export function takesPhotoUpload(pathname: string): boolean {
  return pathname === "/instemming" || /^\/beheer\/prijzen\/[^/]+\/[^/]+\/moderatie\/[^/]+$/.test(pathname);
}

/** A stored photo as pages show it: the address of the image (its content hash in it) and its alt text. */
export interface PhotoRef {
  src: string;
  thumb: string;
  alt: string;
}

export function photoRef(nomineeId: string, hash: string, alt: string): PhotoRef {
  return { src: `/fotos/${nomineeId}/${hash}.webp`, thumb: `/fotos/${nomineeId}/${hash}-klein.webp`, alt };
}

/** The alt text offered when none is typed: "Foto van <naam>" or "Logo van <organisatie>". */
export const defaultAltKey = (kind: "person" | "organisation") => (kind === "organisation" ? "photos.defaultAltLogo" : "photos.defaultAlt");
