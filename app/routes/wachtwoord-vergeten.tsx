import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { Heading1, Paragraph } from "~/components/nlds";
import { useTranslation } from "react-i18next";
import { useAppForm } from "~/components/form";
import { getDb } from "~/db.server";
import { handleIntents, intent } from "~/lib/action.server";
import { titleMeta } from "~/lib/meta";
import { withNotice } from "~/lib/notice";
import { ForgotPasswordSchema, type ForgotPasswordInput } from "~/modules/accounts/account.schema";
import { requestPasswordReset } from "~/modules/accounts/account.server";
import { AccountForm, EmailField } from "~/modules/accounts/components/account-form";

export const meta = titleMeta("forgot.title");

const guard = ({ context }: ActionFunctionArgs) => ({ db: getDb(), ip: context.ip, locale: context.locale });

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    // The page's one form posts without an intent.
    "": intent({
      schema: ForgotPasswordSchema,
      run: (g, input) => requestPasswordReset(g.db, input, g.ip, g.locale),
      // The same answer whether or not the account exists.
      done: () => redirect(withNotice("/wachtwoord-vergeten", "forgot.done")),
    }),
  });

export default function ForgotPassword() {
  const { t } = useTranslation();
  const form = useAppForm<ForgotPasswordInput>(ForgotPasswordSchema);
  return (
    <>
      <Heading1>{t("forgot.title")}</Heading1>
      <Paragraph>{t("forgot.intro")}</Paragraph>
      <AccountForm form={form} submit={t("forgot.submit")}>
        <EmailField form={form} />
      </AccountForm>
    </>
  );
}
