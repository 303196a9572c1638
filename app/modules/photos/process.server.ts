import { createHash } from "node:crypto";
import sharp from "sharp";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import { MAX_PHOTO_BYTES } from "./photo";

// Processing an uploaded photo (ADR 0017) with sharp (libvips): the type is decided by the file's
// first bytes, the pixel count is checked from the header before anything is decoded, and the image
// is decoded once, turned upright and re-encoded — which leaves every EXIF, GPS, XMP and ICC block of
// the upload behind. What is stored is only what this function produced.

/** The largest image decoded: 40 megapixels (a phone photo is 12–50). A header claiming more is refused unread. */
export const MAX_INPUT_PIXELS = 40_000_000;
export const PHOTO_SIZE = 480;
export const THUMB_SIZE = 96;

export interface ProcessedPhoto {
  content: Buffer;
  thumbnail: Buffer;
  hash: string;
  mime: "image/webp";
  width: number;
  height: number;
}

type Sniffed = "jpeg" | "png" | "webp";

/** The format of the bytes themselves: JPEG, PNG or WebP, else nothing (a name or a browser's type is not asked). */
export function sniffImage(bytes: Uint8Array): Sniffed | undefined {
  const at = (i: number, ...values: number[]) => values.every((v, k) => bytes[i + k] === v);
  if (bytes.length >= 3 && at(0, 0xff, 0xd8, 0xff)) return "jpeg";
  if (bytes.length >= 8 && at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "png";
  if (bytes.length >= 12 && at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return "webp";
  return undefined;
}

/**
 * An upload made into the stored photo (480×480, cover) and thumbnail (96×96), both WebP without
 * metadata; or a refusal on the field `photo`: too large (413), not JPEG/PNG/WebP, more pixels than
 * MAX_INPUT_PIXELS, or unreadable (400).
 */
export async function processPhoto(bytes: Uint8Array): Promise<Outcome<ProcessedPhoto>> {
  if (bytes.length === 0) return refuse(400, "photos.errors.empty", { field: "photo" });
  if (bytes.length > MAX_PHOTO_BYTES)
    return refuse(413, "photos.errors.tooLarge", { field: "photo", params: { mb: MAX_PHOTO_BYTES / 1024 / 1024 } });
  const format = sniffImage(bytes);
  if (!format) return refuse(400, "photos.errors.type", { field: "photo" });
  const input = () => sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error", sequentialRead: true });
  try {
    // The header only: a small file that declares a huge image is refused before decoding.
    const meta = await input().metadata();
    if (meta.format !== format) return refuse(400, "photos.errors.type", { field: "photo" });
    if (!meta.width || !meta.height) return refuse(400, "photos.errors.unreadable", { field: "photo" });
    if (meta.width * meta.height > MAX_INPUT_PIXELS) return refuse(400, "photos.errors.tooManyPixels", { field: "photo" });
    // Decoded once (clones share the input), turned upright by its EXIF orientation; the outputs carry
    // no metadata (sharp's default without keepMetadata/withMetadata).
    const upright = input().rotate();
    const square = (size: number, quality: number) =>
      upright.clone().resize(size, size, { fit: "cover", position: "attention" }).webp({ quality }).toBuffer({ resolveWithObject: true });
    const [photo, thumb] = await Promise.all([square(PHOTO_SIZE, 82), square(THUMB_SIZE, 75)]);
    return ok({
      content: photo.data,
      thumbnail: thumb.data,
      hash: createHash("sha256").update(photo.data).digest("hex"),
      mime: "image/webp",
      width: photo.info.width,
      height: photo.info.height,
    });
  } catch (error) {
    // sharp refuses a header over limitInputPixels ("Input image exceeds pixel limit") before decoding;
    // libvips refuses corrupt data and a truncated file.
    if (error instanceof Error && /pixel limit/i.test(error.message)) return refuse(400, "photos.errors.tooManyPixels", { field: "photo" });
    return refuse(400, "photos.errors.unreadable", { field: "photo" });
  }
}
