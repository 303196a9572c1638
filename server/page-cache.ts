import type { Request } from "express";
import { LRUCache } from "lru-cache";

// Anonymous public pages on a results night (ADR 0039): a spike of visitors without a session asks for
// the same few pages. Each process keeps such a page for a few seconds and answers it from memory; the
// many requests that arrive while it is being made wait for that one rendering. A shared (CDN or proxy)
// cache cannot keep them: every page carries its response's CSP nonce, which must differ per response.
// Here every answer gets its own: the kept page's nonce (and request id) are replaced by the current ones.

/** The public pages, anonymous or not the same for everyone who is not signed in; a document or its `.data`. */
const SHARED_PAGES: RegExp[] = [
  /^\/(_root)?$/,
  /^\/(privacy|toegankelijkheid)$/,
  // An award, an edition, its candidates (list, search and one), Top 100, results, a round's public page.
  /^\/prijzen\/[^/]+(\/\d{4}(\/(kandidaten(\/[^/]+)?|top-100|uitslag|ronde\/\d+))?)?$/,
  // The book: projects, a project, its proposals and portraits (lists and one).
  /^\/boek(\/[^/]+(\/(voordrachten|portretten)(\/[^/]+)?)?)?$/,
];

/** The parts of a kept page that belong to the response that made it, and are replaced in every other. */
export interface KeptPage {
  status: number;
  headers: Array<[string, string]>;
  body: string;
  nonce: string;
  requestId: string;
}

export interface Rendered {
  response: globalThis.Response;
  /** Whether this answer may be kept for everyone without a session (no session, no cookie set, no outage). */
  anonymous: boolean;
  /** Whether the answer, when not kept, must also not be kept by a browser (see isPersonal). */
  noStore: boolean;
  nonce: string;
  requestId: string;
}

const KEPT_TYPES = /^(text\/html|text\/x-script)/i;
/**
 * The query parameters the shared pages read (and Remix's own `_routes`). A URL with any other is
 * rendered but not kept: random parameters would otherwise fill the cache with copies and push the
 * pages people ask for out.
 */
const TRACKING_PARAM = /^(utm_[a-z_]+|fbclid|gclid|msclkid)$/;
const KEPT_PARAMS = new Set(["q", "pagina", "categorie", "thema", "status", "sorteer", "van", "tot", "melding", "_routes"]);

export interface PageCache {
  /** The key of a request this cache answers (a GET of a shared page without a session), else null. */
  keyOf(req: Request, hasSession: boolean, locale: string): string | null;
  /**
   * The kept page for `key`, or the one being made, or `render`'s: a kept page when the answer could be
   * kept, else the rendered response itself (only for the request that rendered it).
   */
  answer(key: string, render: () => Promise<Rendered>): Promise<{ kept: KeptPage; hit: boolean } | { own: Rendered }>;
}

export function createPageCache(opts: { seconds: number; maxBytes: number }): PageCache | null {
  if (opts.seconds <= 0) return null;
  const pages = new LRUCache<string, KeptPage>({
    ttl: opts.seconds * 1000,
    maxSize: opts.maxBytes,
    // UTF-16 in memory: two bytes a character, plus the headers.
    sizeCalculation: (p, key) => (p.body.length + key.length) * 2 + 1024,
  });
  const making = new Map<string, Promise<KeptPage | null>>();

  return {
    keyOf(req, hasSession, locale) {
      if (req.method !== "GET" || hasSession) return null;
      // The path as Remix will see it (remixRequest parses the URL the same way: dot segments resolved,
      // backslashes made slashes), so the list is checked against the page that is actually rendered.
      const url = new URL(req.originalUrl, "http://page-cache.invalid");
      const path = url.pathname.endsWith(".data") ? url.pathname.slice(0, -".data".length) : url.pathname;
      if (!SHARED_PAGES.some((p) => p.test(path))) return null;
      // Campaign tags on links in news and mail (utm_*, fbclid, gclid) change nothing on a page: left out of the key.
      for (const name of [...url.searchParams.keys()]) if (TRACKING_PARAM.test(name)) url.searchParams.delete(name);
      for (const name of url.searchParams.keys()) if (!KEPT_PARAMS.has(name)) return null;
      return `${locale} ${url.pathname}${url.search}`;
    },
    async answer(key, render) {
      const kept = pages.get(key);
      if (kept) return { kept, hit: true };
      const pending = making.get(key);
      if (pending) {
        // Not keepable (not a 200, a cookie), or its making failed (its client left): this request makes its own.
        const page = await pending.catch(() => null);
        if (page) return { kept: page, hit: true };
        return { own: await render() };
      }
      let own: Rendered | null = null;
      const made = (async () => {
        const r = await render();
        const type = r.response.headers.get("content-type") ?? "";
        if (!r.anonymous || r.response.status !== 200 || r.response.headers.has("set-cookie") || !KEPT_TYPES.test(type)) {
          own = r;
          return null;
        }
        const page: KeptPage = {
          status: r.response.status,
          headers: [...r.response.headers.entries()],
          body: await r.response.text(),
          nonce: r.nonce,
          requestId: r.requestId,
        };
        pages.set(key, page);
        return page;
      })();
      making.set(key, made);
      try {
        const page = await made;
        return page ? { kept: page, hit: false } : { own: own! };
      } finally {
        making.delete(key);
      }
    },
  };
}

/** The kept page as this response's own: its nonce and request id in place of the ones it was made with. */
export function asOwn(page: KeptPage, nonce: string, requestId: string): globalThis.Response {
  if (page.nonce.length < 16) throw new Error("a kept page without its nonce");
  let body = page.body.replaceAll(page.nonce, nonce);
  if (page.requestId.length >= 16) body = body.replaceAll(page.requestId, requestId);
  const headers = new Headers(page.headers);
  headers.delete("content-length");
  return new Response(body, { status: page.status, headers });
}
