import * as z from "zod/mini";

/**
 * A checkbox in a shared form schema: a boolean in the browser's form, "true" (or "on" without
 * JavaScript) or absent when posted; parsed to a boolean either way.
 */
export const checkbox = z.pipe(
  z._default(z.union([z.string(), z.boolean()]), ""),
  z.transform((v) => v === true || v === "true" || v === "on"),
);
