import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { titleMeta } from "~/lib/meta";
import { SignedOut } from "~/modules/identity/components/signed-out";
import { findProvider } from "~/modules/identity/providers.server";
import { endSessionUrl } from "~/modules/identity/sign-out.server";

export const meta = titleMeta("oidc.signedOut.title");

/**
 * After signing out of a session started at an identity provider (ADR 0025): the provider sends the
 * browser back here (its post_logout_redirect_uri), or Lauwer does when the provider has no end-session
 * endpoint or cannot be reached now (`?alleen=lauwer`): then the page says the provider may still know
 * the person, and offers the provider's own sign-out when it has one. Public: it only names the provider.
 */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const provider = findProvider(params.provider ?? "");
  if (!provider) throw data(null, { status: 404 });
  const hereOnly = new URL(request.url).searchParams.get("alleen") === "lauwer";
  const signOutThere = hereOnly ? ((await endSessionUrl(provider, context.locale))?.href ?? null) : null;
  return { provider: provider.name, hereOnly, signOutThere, signedIn: Boolean(context.user) };
}

export default function SignedOutPage() {
  const d = useLoaderData<typeof loader>();
  return <SignedOut {...d} />;
}
