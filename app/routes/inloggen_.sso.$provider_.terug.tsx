import { data, redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { invalidateSession } from "~/auth/lucia.server";
import { Heading1, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { nextAfterSignIn } from "~/modules/mfa/mfa.server";
import { retryAfterHeaders } from "~/lib/headers";
import { titleMeta } from "~/lib/meta";
import { withNotice } from "~/lib/notice";
import { ok } from "~/lib/outcome";
import { startSession } from "~/modules/accounts/account.server";
import { SsoFailure } from "~/modules/identity/components/sso-failure";
import { findProvider } from "~/modules/identity/providers.server";
import { clearSsoCookie, completeSignIn, ssoCookieFrom } from "~/modules/identity/sso.server";

export const meta = titleMeta("oidc.error.title");

export const headers = retryAfterHeaders;

/**
 * Where the provider sends the browser back: the answer is checked (state bound to this browser,
 * code exchanged with the PKCE verifier, id_token verified) and the person signed in, told to confirm
 * their address first, or shown what went wrong. The binding cookie goes either way. A person who was
 * signed in already (sent here to vote in a provider's round) gets the new session instead of theirs;
 * on a failure they keep theirs.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const slug = params.provider ?? "";
  const outcome = await completeSignIn(getDb(), {
    slug,
    url: new URL(request.url),
    browser: ssoCookieFrom(request.headers.get("cookie")),
    locale: context.locale,
  });
  const headers = new Headers({ "Set-Cookie": clearSsoCookie() });
  if (!outcome.ok) {
    if (outcome.retryAfter) headers.set("Retry-After", String(outcome.retryAfter));
    const retry = findProvider(slug) ? `/inloggen/sso/${slug}` : null;
    return data({ error: outcome.error, retry, linkSent: false }, { status: outcome.status, headers });
  }
  const signedIn = outcome.value;
  if (signedIn.kind === "linkSent") return data({ error: null, retry: null, linkSent: true }, { headers });
  if (context.session) await invalidateSession(context.session.id);
  const next = await nextAfterSignIn(getDb(), signedIn.userId, signedIn.to, signedIn.secondFactorAt !== null);
  const session = await startSession(ok(signedIn.userId), next, {
    authMethod: signedIn.authMethod,
    secondFactorAt: signedIn.secondFactorAt,
    userAgent: context.userAgent,
  });
  if (!session.ok) return data({ error: session.error, retry: null, linkSent: false }, { status: session.status, headers });
  headers.append("Set-Cookie", session.value.cookie);
  return redirect(withNotice(session.value.to, "login.done"), { headers });
}

export default function SsoCallback() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  if (d.linkSent)
    return (
      <>
        <Heading1>{t("oidc.linkSent.title")}</Heading1>
        <Paragraph>{t("oidc.linkSent.body")}</Paragraph>
      </>
    );
  return <SsoFailure error={d.error ?? "oidc.errors.invalidToken"} retry={d.retry} />;
}
