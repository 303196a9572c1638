import { data, redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { retryAfterHeaders } from "~/lib/headers";
import { titleMeta } from "~/lib/meta";
import { safeRedirect } from "~/lib/redirect";
import { SsoFailure } from "~/modules/identity/components/sso-failure";
import { beginSignIn } from "~/modules/identity/sso.server";

export const meta = titleMeta("oidc.buttons.heading");

// An unreachable provider (503) says when to try again.
export const headers = retryAfterHeaders;

/**
 * "Continue with <provider>" (a link): the sign-in starts — state, nonce and PKCE challenge kept for
 * this browser — and the browser leaves for the provider. A provider that cannot be reached gets the
 * error page; an unknown one is not found. Also for a signed-in person: a vote round limited to a
 * provider asks them to sign in through it (the new session replaces theirs at the callback).
 */
export async function loader(args: LoaderFunctionArgs) {
  const slug = args.params.provider ?? "";
  const to = safeRedirect(new URL(args.request.url).searchParams.get("redirectTo"), "/mijn-lauwer");
  const start = await beginSignIn(getDb(), slug, to);
  if (start.ok) return redirect(start.value.url, { headers: { "Set-Cookie": start.value.cookie } });
  if (start.status === 404) throw data(null, { status: 404 });
  const headers = start.retryAfter ? { "Retry-After": String(start.retryAfter) } : undefined;
  return data({ error: start.error, retry: `/inloggen/sso/${slug}` }, { status: start.status, headers });
}

export default function SsoStart() {
  const d = useLoaderData<typeof loader>();
  return <SsoFailure error={d.error} retry={d.retry} />;
}
