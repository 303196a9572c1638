import { randomBytes } from "node:crypto";
import { config } from "~/config.server";

// A long-lived, random device cookie (no personal data). Ballots keep only its hash, which lets
// organizers see several accounts voting from one browser (a fraud signal).

const NAME = "lauwer_device";

export function deviceIdFrom(request: Request): string | undefined {
  return deviceIdFromCookie(request.headers.get("cookie"));
}

/** The device id in a Cookie header, if it carries a well-formed one. */
export function deviceIdFromCookie(header: string | null | undefined): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [k, v] = part.trim().split("=");
    if (k === NAME && v && /^[A-Za-z0-9_-]{16,64}$/.test(v)) return v;
  }
  return undefined;
}

/** Set-Cookie for a new device id when the request has none. */
export function deviceCookie(request: Request): { id: string; header?: string } {
  const existing = deviceIdFrom(request);
  if (existing) return { id: existing };
  const id = randomBytes(18).toString("base64url");
  const secure = config().secureCookies ? "; Secure" : "";
  return { id, header: `${NAME}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000${secure}` };
}
