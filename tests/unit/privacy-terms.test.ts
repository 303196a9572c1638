import { describe, expect, it } from "vitest";
import { EraseSchema, RetentionSchema } from "~/modules/privacy/erasure.schema";
import { ERASED_NAME, MASK, erasureTerms, likePatterns } from "~/modules/privacy/erasure.server";

describe("erasure terms", () => {
  it("are trimmed, long enough, unique regardless of case, longest first", () => {
    expect(erasureTerms(["  Anna de Vries ", "anna de vries", "Jan", "", null, undefined, "anna@example.nl", "Anna"])).toEqual([
      "anna@example.nl",
      "Anna de Vries",
    ]);
  });

  it("never include the placeholder, the mask or names another nominee still bears", () => {
    expect(erasureTerms([ERASED_NAME, MASK, "Piet Jansen", "Kees Klaassen"], ["piet jansen"])).toEqual(["Kees Klaassen"]);
  });
});

describe("search patterns", () => {
  it("escape LIKE wildcards and also match the JSON-escaped form", () => {
    expect(likePatterns(["100%_a\\b"])).toEqual(["%100\\%\\_a\\\\b%", "%100\\%\\_a\\\\\\\\b%"]);
    expect(likePatterns(['Jan "de Man"'])).toEqual(['%Jan "de Man"%', '%Jan \\\\"de Man\\\\"%']);
  });
});

describe("erasure and retention forms", () => {
  it("need a reason category and the confirmation", () => {
    expect(EraseSchema.safeParse({ reason: "own_request", confirm: "true" }).success).toBe(true);
    for (const bad of [{}, { reason: "own_request" }, { reason: "Anna vroeg het", confirm: "true" }, { reason: "other", confirm: "on" }]) {
      expect(EraseSchema.safeParse(bad).success).toBe(false);
    }
  });

  it("take 0..3650 days or empty", () => {
    for (const ok of ["", "0", "365", " 3650 "]) expect(RetentionSchema.safeParse({ retentionDays: ok }).success, ok).toBe(true);
    for (const bad of ["-1", "3651", "1.5", "abc", "99999"])
      expect(RetentionSchema.safeParse({ retentionDays: bad }).success, bad).toBe(false);
  });
});
