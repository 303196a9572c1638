/** A base that is never served: only to resolve a target the way a browser would. */
const REDIRECT_BASE = "http://lauwer.invalid";

/** Longer targets are not links anyone followed here. */
const MAX_LENGTH = 2048;

/** Control characters, every kind of white space and backslashes (browsers drop or reinterpret them). */
function hasUnsafeCharacter(text: string): boolean {
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || ch === "\\" || /\s/u.test(ch)) return true;
  }
  return false;
}

/** A path that a browser, proxy or server could take for another host, or that climbs out of itself. */
function unsafePath(path: string): boolean {
  return !path.startsWith("/") || path.includes("//") || hasUnsafeCharacter(path) || /(^|\/)\.\.?(\/|$)/.test(path);
}

/**
 * Only same-site paths may be redirect targets (no open redirects; issue #15). The target is first
 * reduced to a path — resolved against a fixed origin as a browser would, dot segments removed — and
 * only then checked: the path must not start with `//` (a browser reads that as another host), nor hold a
 * backslash, white space, a control character or an empty segment, also once its percent-encoding is
 * undone (`/%2f/evil.example`, `/%5cevil.example`, twice encoded too). Anything else gives the fallback.
 * The result is re-serialised by the URL parser, so it is always a valid, encoded header value.
 */
export function safeRedirect(to: string | null | undefined, fallback = "/account"): string {
  if (!to || to.length > MAX_LENGTH || !to.startsWith("/") || hasUnsafeCharacter(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, REDIRECT_BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== REDIRECT_BASE) return fallback;
  // The path as the browser will request it, then as a server might read it after one or two decodings.
  let path = url.pathname;
  if (unsafePath(path)) return fallback;
  for (let round = 0; round < 3; round++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      // Broken encoding as the browser sends it is refused; a literal % further down (%25) is just text.
      if (round === 0) return fallback;
      break;
    }
    if (decoded === path) break;
    if (unsafePath(decoded)) return fallback;
    path = decoded;
  }
  const result = url.pathname + url.search + url.hash;
  if (result.startsWith("//") || hasUnsafeCharacter(result)) return fallback;
  return result;
}
