import { redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from "~/components/nlds";
import { useTranslation } from "react-i18next";
import { hasRole, requireUser } from "~/auth/guards.server";
import { AppLink } from "~/components/app-link";
import { getDb } from "~/db.server";
import { handleIntents, intent, redirectWithNotice } from "~/lib/action.server";
import { withNotice } from "~/lib/notice";
import { titleMeta } from "~/lib/meta";
import { ChangePasswordSchema } from "~/modules/accounts/account.schema";
import { accountHasPassword, changePassword, startSession } from "~/modules/accounts/account.server";
import { AccountDetails, AccountLinks, ResendVerification } from "~/modules/accounts/components/account-overview";
import { AccountTasks } from "~/modules/accounts/components/self-service";
import { ChangePasswordForm } from "~/modules/accounts/components/change-password-form";
import { NoticePreferencesForm } from "~/modules/notices/components/preferences-form";
import { NoticePreferencesSchema } from "~/modules/notices/notice.schema";
import { preferencesOf, savePreferences } from "~/modules/notices/preferences.server";
import { listGrants } from "~/modules/roles/role.server";
import { providerButtons } from "~/modules/identity/providers.server";
import { listIdentities } from "~/modules/identity/identities.server";
import { scopeLabel } from "~/modules/roles/scope-label";

export const meta = titleMeta("account.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const db = getDb();
  const [grants, isAdmin, notices, hasPassword, identities] = await Promise.all([
    listGrants(db, user.id),
    hasRole(db, user.id, { role: "admin" }),
    preferencesOf(db, user.email),
    accountHasPassword(db, user.id),
    listIdentities(db, user.id),
  ]);
  return {
    user: { name: user.name, email: user.email, organisation: user.organisation, emailVerified: user.emailVerified },
    grants: grants.map((g) => ({ id: g.id, role: g.role, scope: scopeLabel(g, context.locale) })),
    isAdmin,
    notices,
    hasPassword,
    /** Single sign-on is offered here, or the person has a link: their linked accounts are one of the tasks. */
    identities: providerButtons().length > 0 || identities.length > 0,
  };
}

const guard = ({ request, context }: ActionFunctionArgs) => ({ db: getDb(), user: requireUser(request, context), ip: context.ip });

// A throttled password change (429) says when to try again.
export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) =>
  actionHeaders.has("Retry-After") ? actionHeaders : loaderHeaders;

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    notices: intent({
      schema: NoticePreferencesSchema,
      run: (g, input) => savePreferences(g.db, g.user.email, input),
      done: () => redirectWithNotice("/account", "notices.account.saved"),
    }),
    // Every session of the account ends; this browser gets a fresh one.
    password: intent({
      schema: ChangePasswordSchema,
      run: async (g, input) => startSession(await changePassword(g.db, g.user, input, g.ip), "/account"),
      done: (_g, session) =>
        redirect(withNotice(session.to, "accounts.password.changed"), { status: 303, headers: { "Set-Cookie": session.cookie } }),
    }),
  });

export default function Account() {
  const { user, grants, isAdmin, notices, hasPassword, identities } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <>
      <Heading1>{t("account.title")}</Heading1>
      <Paragraph>{t("accounts.hub.intro")}</Paragraph>
      <AccountDetails user={user} />
      {!user.emailVerified ? <ResendVerification /> : null}
      <AccountTasks identities={identities} />
      <Heading2>{t("account.roles")}</Heading2>
      {grants.length === 0 ? (
        <Paragraph>{t("account.noRoles")}</Paragraph>
      ) : (
        <UnorderedList>
          {grants.map((g) => (
            <UnorderedListItem key={g.id}>
              {t(`roles.${g.role}`)}: {g.scope ?? t("roles.platform")}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      )}
      <Heading2 id="wachtwoord">{t("accounts.password.heading")}</Heading2>
      {hasPassword ? (
        // A new form after each navigation: after a change the typed passwords do not stay in the fields.
        <ChangePasswordForm key={location.key} labelledBy="wachtwoord" />
      ) : (
        // An account made through single sign-on has no password to change; the reset link sets one.
        <>
          <Paragraph>{t("accounts.password.noneYet")}</Paragraph>
          <Paragraph>
            <AppLink to="/wachtwoord-vergeten">{t("accounts.password.setOne")}</AppLink>
          </Paragraph>
        </>
      )}
      <Heading2 id="berichten">{t("notices.account.heading")}</Heading2>
      <NoticePreferencesForm values={notices} />
      <AccountLinks roles={grants.map((g) => g.role)} isAdmin={isAdmin} />
    </>
  );
}
