import { describe, expect, it } from "vitest";
import { initials } from "~/modules/photos/components/candidate-avatar";
import { photoRef, takesPhotoUpload } from "~/modules/photos/photo";

describe("initials", () => {
  it.each([
    ["Anna de Vries", "AV"],
    ["Özlem", "Ö"],
    ["Gemeente 's-Hertogenbosch", "GS"],
    ["  ", "?"],
  ])("%s → %s", (name, expected) => expect(initials(name)).toBe(expected));
});

describe("photo addresses and upload pages", () => {
  it("puts the content hash in the address", () => {
    expect(photoRef("n1", "ab".repeat(32), "Foto van Anna")).toEqual({
      src: `/fotos/n1/${"ab".repeat(32)}.webp`,
      thumb: `/fotos/n1/${"ab".repeat(32)}-klein.webp`,
      alt: "Foto van Anna",
    });
  });
  it("lets only the consent page and a nominee's moderation page take a large body", () => {
    expect(takesPhotoUpload("/instemming")).toBe(true);
    expect(takesPhotoUpload("/beheer/prijzen/top-100/2026/moderatie/0db0125d-3627-41d6-88d2-4b210ac24b61")).toBe(true);
    expect(takesPhotoUpload("/beheer/prijzen/top-100/2026/moderatie/0db0125d-3627-41d6-88d2-4b210ac24b61/wissen")).toBe(false);
    expect(takesPhotoUpload("/beheer/prijzen/top-100/2026/moderatie")).toBe(false);
    expect(takesPhotoUpload("/prijzen/top-100/2026/nomineren")).toBe(false);
  });
});
