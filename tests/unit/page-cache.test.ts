import type { Request } from "express";
import { describe, expect, it } from "vitest";
import { createPageCache } from "../../server/page-cache";

// Which requests the page cache (ADR 0039) answers: its key, or null for a request it leaves alone.
const cache = createPageCache({ seconds: 60, maxBytes: 1_000_000 })!;
const get = (originalUrl: string, method = "GET") => ({ method, originalUrl }) as Request;

describe("the page cache's keys", () => {
  it("keeps the public pages of anonymous visitors, per language and URL, documents and data apart", () => {
    expect(cache.keyOf(get("/"), false, "nl")).toBe("nl /");
    expect(cache.keyOf(get("/"), false, "en")).toBe("en /");
    expect(cache.keyOf(get("/_root.data"), false, "nl")).toBe("nl /_root.data");
    expect(cache.keyOf(get("/prijzen/top-100-ambtenaar/2026/kandidaten?q=vries&pagina=2"), false, "nl")).toBe(
      "nl /prijzen/top-100-ambtenaar/2026/kandidaten?q=vries&pagina=2",
    );
    expect(cache.keyOf(get("/boek/ambtenaren-200-jaar/voordrachten.data?_routes=routes%2Fboek"), false, "nl")).not.toBeNull();
  });

  it("leaves signed-in visitors, other methods and other pages alone", () => {
    expect(cache.keyOf(get("/"), true, "nl")).toBeNull();
    expect(cache.keyOf(get("/", "HEAD"), false, "nl")).toBeNull();
    expect(cache.keyOf(get("/", "POST"), false, "nl")).toBeNull();
    for (const path of ["/inloggen", "/mijn-stemmen", "/prijzen/x/2026/ronde/1/algemeen", "/prijzen/x/2026/ronde/1/stroom", "/beheer"])
      expect(cache.keyOf(get(path), false, "nl"), path).toBeNull();
  });

  it("judges the path Remix will render, not the one written: dot segments and backslashes do not pass", () => {
    expect(cache.keyOf(get("/boek/..\\inloggen\\tweede-stap"), false, "nl")).toBeNull();
    expect(cache.keyOf(get("/boek/%2e%2e/inloggen"), false, "nl")).toBeNull();
    expect(cache.keyOf(get("/prijzen/x/../../inloggen"), false, "nl")).toBeNull();
  });

  it("keeps no URL with a query parameter the pages do not read", () => {
    expect(cache.keyOf(get("/?a=1"), false, "nl")).toBeNull();
    expect(cache.keyOf(get("/prijzen/x/2026/kandidaten?q=a&sessie=1"), false, "nl")).toBeNull();
    expect(cache.keyOf(get("/?melding=login.done"), false, "nl")).toBe("nl /?melding=login.done");
  });

  it("leaves campaign tags of links in news and mail out of the key", () => {
    expect(cache.keyOf(get("/prijzen/x/2026/uitslag?utm_source=krant&utm_medium=email&fbclid=abc"), false, "nl")).toBe(
      "nl /prijzen/x/2026/uitslag",
    );
    expect(cache.keyOf(get("/prijzen/x/2026/kandidaten?utm_campaign=uitslag&q=vries"), false, "nl")).toBe(
      "nl /prijzen/x/2026/kandidaten?q=vries",
    );
  });

  it("is off at 0 seconds", () => {
    expect(createPageCache({ seconds: 0, maxBytes: 1_000_000 })).toBeNull();
  });
});
