import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { AppLink } from "~/components/app-link";
import { FormError } from "~/components/form";
import { Heading1, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { handleIntents, intent, redirectWithNotice } from "~/lib/action.server";
import type { FormFailure } from "~/lib/forms.server";
import { formatDate } from "~/lib/locale";
import { titleMeta } from "~/lib/meta";
import { accountHasPassword } from "~/modules/accounts/account.server";
import { actorFrom } from "~/modules/audit/audit.server";
import { LinkedIdentities, UnlinkIdentity } from "~/modules/identity/components/linked-identities";
import { listIdentities, unlinkIdentity } from "~/modules/identity/identities.server";
import { UnlinkIdentitySchema } from "~/modules/identity/sso.schema";

export const meta = titleMeta("oidc.identities.title");

const WHEN: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };

/** The person's own links to identity providers (ADR 0025); `?ontkoppelen=<id>` opens the confirmation of one. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const db = getDb();
  const [identities, hasPassword] = await Promise.all([listIdentities(db, user.id), accountHasPassword(db, user.id)]);
  const lines = identities.map((i) => ({
    id: i.id,
    provider: i.provider,
    email: i.email,
    linkedAt: formatDate(context.locale, i.linkedAt, WHEN),
    lastUsedAt: formatDate(context.locale, i.lastUsedAt, WHEN),
  }));
  const chosen = new URL(request.url).searchParams.get("ontkoppelen");
  return { identities: lines, unlinking: lines.find((i) => i.id === chosen) ?? null, hasPassword, email: user.email };
}

const guard = ({ request, context }: ActionFunctionArgs) => ({
  db: getDb(),
  user: requireUser(request, context),
  // requireUser passed, so there is a session: this browser's own stays.
  sessionId: context.session?.id ?? "",
  ip: context.ip,
  actor: actorFrom(context),
});

// A throttled password check (429) says when to try again.
export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) =>
  actionHeaders.has("Retry-After") ? actionHeaders : loaderHeaders;

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    unlink: intent({
      schema: UnlinkIdentitySchema,
      run: (g, input) => unlinkIdentity(g.db, { userId: g.user.id, sessionId: g.sessionId, ip: g.ip, actor: g.actor }, input),
      done: () => redirectWithNotice("/account/koppelingen", "oidc.notice.unlinked"),
    }),
  });

export default function AccountIdentities() {
  const { identities, unlinking, hasPassword, email } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const { t } = useTranslation();
  return (
    <>
      <Paragraph>
        <AppLink to="/account">{t("account.title")}</AppLink>
      </Paragraph>
      <Heading1>{t("oidc.identities.title")}</Heading1>
      {/* A refusal of a link that is not on the page any more (gone) shows here; the others at the form. */}
      {unlinking ? null : <FormError failure={failure} />}
      <Paragraph>{t("oidc.identities.intro")}</Paragraph>
      {hasPassword ? null : (
        <>
          <Paragraph>{t("oidc.identities.noPassword")}</Paragraph>
          <Paragraph>
            <AppLink to="/wachtwoord-vergeten">{t("oidc.identities.setPassword")}</AppLink>
          </Paragraph>
        </>
      )}
      {unlinking ? <UnlinkIdentity key={unlinking.id} identity={unlinking} hasPassword={hasPassword} email={email} /> : null}
      <LinkedIdentities identities={identities} />
    </>
  );
}
