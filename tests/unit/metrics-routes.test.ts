import type { ServerBuild } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { routeMatcher, scrapeBudgetMs } from "../../server/metrics";

// The request metrics are labelled by the route a path matches, as Remix ranks routes (ADR 0022):
// a label is a route id from the manifest, never the path itself.

const manifest = (routes: Array<{ id: string; parentId?: string; path?: string; index?: boolean }>) =>
  Object.fromEntries(routes.map((r) => [r.id, { ...r, module: {} }])) as unknown as ServerBuild["routes"];

const match = routeMatcher(
  manifest([
    { id: "root", path: "" },
    { id: "routes/_index", parentId: "root", index: true },
    { id: "routes/$", parentId: "root", path: "*" },
    { id: "routes/prijzen.$award.$year", parentId: "root", path: "prijzen/:award/:year" },
    { id: "routes/prijzen.$award.$year._index", parentId: "routes/prijzen.$award.$year", index: true },
    { id: "routes/prijzen.$award.$year.nomineren", parentId: "routes/prijzen.$award.$year", path: "nomineren" },
    { id: "routes/prijzen.$award.$year.$other", parentId: "routes/prijzen.$award.$year", path: ":other" },
    { id: "routes/prijzen.$award.$year.uitslag[.]json", parentId: "root", path: "prijzen/:award/:year/uitslag.json" },
    { id: "routes/prijzen.$award._index", parentId: "root", path: "prijzen/:award", index: true },
    { id: "routes/beheer", parentId: "root", path: "beheer" },
    { id: "routes/beheer.instellingen", parentId: "routes/beheer", path: "instellingen" },
  ]),
);

describe("routeMatcher", () => {
  it("labels the home page by its index route, not the root layout", () => {
    expect(match("/")).toBe("routes/_index");
  });

  it("prefers an index route over its layout, and a static segment over a parameter", () => {
    expect(match("/prijzen/innovatie/2026")).toBe("routes/prijzen.$award.$year._index");
    expect(match("/prijzen/innovatie/2026/")).toBe("routes/prijzen.$award.$year._index");
    expect(match("/prijzen/innovatie/2026/nomineren")).toBe("routes/prijzen.$award.$year.nomineren");
    expect(match("/prijzen/innovatie/2026/iets-anders")).toBe("routes/prijzen.$award.$year.$other");
    expect(match("/prijzen/innovatie")).toBe("routes/prijzen.$award._index");
  });

  it("matches a dot as a dot (a resource route with an extension), case-insensitively", () => {
    expect(match("/prijzen/innovatie/2026/uitslag.json")).toBe("routes/prijzen.$award.$year.uitslag[.]json");
    expect(match("/prijzen/innovatie/2026/uitslagxjson")).toBe("routes/prijzen.$award.$year.$other");
    expect(match("/BEHEER/Instellingen")).toBe("routes/beheer.instellingen");
  });

  it("leaves the rest to the splat route, also paths with encoded slashes or malformed encoding", () => {
    expect(match("/beheer")).toBe("routes/beheer");
    expect(match("/bestaat/niet/hier")).toBe("routes/$");
    expect(match("/prijzen/a%2Fb/2026/nomineren")).toBe("routes/prijzen.$award.$year.nomineren");
    expect(match("/prijzen/%FF/2026")).toBe("routes/prijzen.$award.$year._index");
  });

  it("answers undefined when nothing matches (no splat route)", () => {
    const bare = routeMatcher(
      manifest([
        { id: "root", path: "" },
        { id: "routes/a", parentId: "root", path: "a" },
      ]),
    );
    expect(bare("/b")).toBeUndefined();
    expect(bare("/a")).toBe("routes/a");
  });
});

describe("a scrape's budget", () => {
  it("is nine tenths of the timeout Prometheus sends, and of its default 10 s without one or with nonsense", () => {
    expect(scrapeBudgetMs("120")).toBe(108_000);
    expect(scrapeBudgetMs("2.5")).toBe(2250);
    expect(scrapeBudgetMs(["30", "5"])).toBe(27_000);
    for (const nonsense of [undefined, "", "0", "-3", "ten", "Infinity"]) expect(scrapeBudgetMs(nonsense)).toBe(9000);
    expect(scrapeBudgetMs("100000")).toBe(540_000);
  });
});
