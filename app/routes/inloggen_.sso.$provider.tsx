import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireVisitor, visitorsOnly } from "~/auth/guards.server";
import { Alert, Heading1, Paragraph } from "~/components/nlds";
import { handleIntents, intent } from "~/lib/action.server";
import type { FormFailure } from "~/lib/forms.server";
import { retryAfterHeaders } from "~/lib/headers";
import { titleMeta } from "~/lib/meta";
import { safeRedirect } from "~/lib/redirect";
import { SsoButtons } from "~/modules/identity/components/sso-buttons";
import { findProvider, providerButtons } from "~/modules/identity/providers.server";
import { SsoStartSchema } from "~/modules/identity/sso.schema";
import { beginSignIn } from "~/modules/identity/sso.server";

export const meta = titleMeta("oidc.buttons.heading");

// An unreachable provider (503) says when to try again.
export const headers = retryAfterHeaders;

/** The provider's own sign-in page (a link to it, or where a refused start is shown): its button. */
export function loader(args: LoaderFunctionArgs) {
  visitorsOnly(args);
  const provider = findProvider(args.params.provider ?? "");
  if (!provider) throw data(null, { status: 404 });
  return { sso: providerButtons().filter((p) => p.slug === provider.slug) };
}

/** Starts the sign-in: the browser leaves for the provider with state, nonce and a PKCE challenge. */
export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, requireVisitor, {
    "": intent({
      schema: SsoStartSchema,
      run: (g, input) => beginSignIn(g.db, args.params.provider ?? "", safeRedirect(input.redirectTo, "/mijn-lauwer")),
      done: (_g, start) => redirect(start.url, { status: 303, headers: { "Set-Cookie": start.cookie } }),
    }),
  });

export default function SsoStart() {
  const { t } = useTranslation();
  const failure = useActionData<FormFailure>();
  useLoaderData<typeof loader>();
  return (
    <>
      <Heading1>{t("oidc.buttons.heading")}</Heading1>
      {failure?.formError ? (
        <Alert type="error">
          <Paragraph>{t(failure.formError)}</Paragraph>
        </Alert>
      ) : null}
      <SsoButtons />
    </>
  );
}
