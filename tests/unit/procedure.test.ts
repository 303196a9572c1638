import { describe, expect, it } from "vitest";
import { EditionSettingsSchema, RoundSchema } from "~/modules/awards/procedure.schema";

const settings = { nomineeKind: "person", opensAt: "2099-03-01T09:00", closesAt: "2099-04-01T17:00", perMember: "3" };
const round = {
  kind: "jury",
  nameNl: "Jury",
  nameEn: "Jury",
  opensAt: "2099-03-01T09:00",
  closesAt: "2099-04-01T17:00",
  source: "all",
  advancement: "none",
};
const errorsOf = (r: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));

describe("procedure schemas", () => {
  it.each(["2099-02-31T10:00", "2099-13-01T10:00", "2099-01-01T24:00", "1999-01-01T10:00", "01-01-2099 10:00", "2099-01-01T10:00:00"])(
    "refuse the impossible or malformed time %s before it reaches PostgreSQL",
    (opensAt) => {
      expect(errorsOf(EditionSettingsSchema.safeParse({ ...settings, opensAt }))).toMatchObject({ opensAt: "procedure.errors.datetime" });
    },
  );

  it("needs the window to close after it opens", () => {
    expect(errorsOf(EditionSettingsSchema.safeParse({ ...settings, closesAt: "2099-02-01T09:00" }))).toMatchObject({
      closesAt: "procedure.errors.window",
    });
    expect(EditionSettingsSchema.safeParse(settings).success).toBe(true);
  });

  it("needs K for a top-K round; a window may stay empty (the organizer opens and closes the round by hand)", () => {
    expect(errorsOf(RoundSchema.safeParse({ ...round, advancement: "top_k", advanceK: "" }))).toMatchObject({
      advanceK: "procedure.errors.advanceK",
    });
    expect(RoundSchema.safeParse({ ...round, opensAt: "", closesAt: "" }).success).toBe(true);
    expect(RoundSchema.safeParse({ ...round, opensAt: "2099-01-01T09:00", closesAt: "" }).success).toBe(true);
    expect(RoundSchema.safeParse({ ...round, kind: "live_vote", opensAt: "", closesAt: "" }).success).toBe(true);
    expect(errorsOf(RoundSchema.safeParse({ ...round, kind: "raffle" }))).toMatchObject({ kind: "errors.invalidChoice" });
  });
});
