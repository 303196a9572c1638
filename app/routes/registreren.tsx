import type { ActionFunctionArgs } from "@remix-run/node";
import { Heading1, Paragraph } from "~/components/nlds";
import { AppLink } from "~/components/app-link";
import { titleMeta } from "~/lib/meta";
import { useTranslation } from "react-i18next";
import { requireVisitor } from "~/auth/guards.server";
import { SsoButtons } from "~/modules/identity/components/sso-buttons";
import { visitorsWithProviders } from "~/modules/identity/guard.server";
import { CheckboxField, useAppForm } from "~/components/form";
import { handleIntents, intent, redirectWithNotice } from "~/lib/action.server";
import { SignupSchema, type SignupInput } from "~/modules/accounts/account.schema";
import { signUp } from "~/modules/accounts/account.server";
import { AccountField, AccountForm, EmailField, PasswordField } from "~/modules/accounts/components/account-form";

export const meta = titleMeta("signup.title");

export const loader = visitorsWithProviders;

/**
 * The page's one form posts without an intent; the password is never sent back with its values. The
 * answer is the same whether or not the address already has an account ("check your mail"): its owner
 * is mailed instead, so the page does not reveal who has an account. Nobody is signed in by it.
 */
export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, requireVisitor, {
    "": intent({
      schema: SignupSchema,
      run: (g, input) => signUp(g.db, input, g.locale, g.ip),
      done: () => redirectWithNotice("/inloggen", "accounts.signup.checkMail"),
    }),
  });

export default function Signup() {
  const { t } = useTranslation();
  const form = useAppForm<SignupInput>(SignupSchema);
  return (
    <>
      <Heading1>{t("signup.title")}</Heading1>
      <Paragraph>{t("signup.intro")}</Paragraph>
      <AccountForm form={form} submit={t("signup.submit")}>
        <AccountField form={form} name="name" label={t("fields.name")} autoComplete="name" required />
        <EmailField form={form} />
        <AccountField
          form={form}
          name="organisation"
          label={t("fields.organisation")}
          optionalLabel={t("fields.optional")}
          description={t("fields.organisationHint")}
          autoComplete="organization"
        />
        <PasswordField form={form} chosen />
        <CheckboxField name="follow" label={t("notices.signup.follow")} registration={form.register("follow")} />
        <Paragraph>{t("notices.signup.followHint")}</Paragraph>
      </AccountForm>
      <Paragraph>
        {t("signup.haveAccount")} <AppLink to="/inloggen">{t("layout.login")}</AppLink>
      </Paragraph>
      <SsoButtons />
    </>
  );
}
