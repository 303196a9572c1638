import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { useSearchParams } from "@remix-run/react";
import { Heading1, Paragraph } from "~/components/nlds";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { requireVisitor } from "~/auth/guards.server";
import { SsoButtons } from "~/modules/identity/components/sso-buttons";
import { visitorsWithProviders } from "~/modules/identity/guard.server";
import { AppLink } from "~/components/app-link";
import { useAppForm } from "~/components/form";
import { handleIntents, intent } from "~/lib/action.server";
import { retryAfterHeaders } from "~/lib/headers";
import { titleMeta } from "~/lib/meta";
import { withNotice } from "~/lib/notice";
import { LoginSchema, safeRedirect, type LoginInput } from "~/modules/accounts/account.schema";
import { login } from "~/modules/accounts/account.server";
import { afterPassword } from "~/modules/mfa/mfa.server";
import { AccountForm, EmailField, PasswordField } from "~/modules/accounts/components/account-form";

export const meta = titleMeta("login.title");

export const loader = visitorsWithProviders;

// A throttled login (429) says when to try again.
export const headers = retryAfterHeaders;

/**
 * The page's one form posts without an intent. The attempt is counted before the password is verified
 * (in login); the password is never sent back with the form's values. A person with a second factor
 * gets no session yet but the code step (ADR 0024); a role that needs one leads to setting it up.
 */
export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, requireVisitor, {
    "": intent({
      schema: LoginSchema,
      run: async (g, input) =>
        afterPassword(g.db, await login(g.db, input, g.ip), safeRedirect(input.redirectTo, "/mijn-lauwer"), {
          userAgent: g.userAgent,
        }),
      done: (_g, next) => redirect(next.signedIn ? withNotice(next.to, "login.done") : next.to, { headers: { "Set-Cookie": next.cookie } }),
    }),
  });

export default function Login() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const form = useAppForm<LoginInput>(LoginSchema, { redirectTo: params.get("redirectTo") ?? "" });
  const { failure, setValue } = form;
  // After a failed attempt the password is typed again, as without JavaScript (the server never echoes it).
  useEffect(() => {
    if (failure) setValue("password", "");
  }, [failure, setValue]);
  return (
    <>
      <Heading1>{t("login.title")}</Heading1>
      <AccountForm form={form} submit={t("login.submit")}>
        <input type="hidden" {...form.register("redirectTo")} />
        <EmailField form={form} autoComplete="username" />
        <PasswordField form={form} />
      </AccountForm>
      <Paragraph>
        <AppLink to="/wachtwoord-vergeten">{t("login.forgot")}</AppLink>
      </Paragraph>
      <Paragraph>
        {t("login.noAccount")} <AppLink to="/registreren">{t("layout.signup")}</AppLink>
      </Paragraph>
      <SsoButtons />
    </>
  );
}
