import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { Alert, Heading1, Paragraph } from "~/components/nlds";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { useAppForm } from "~/components/form";
import { getDb } from "~/db.server";
import { handleIntents, intent } from "~/lib/action.server";
import { parseFormData } from "~/lib/forms.server";
import { titleMeta } from "~/lib/meta";
import { withNotice } from "~/lib/notice";
import { refuse } from "~/lib/outcome";
import { ResetPasswordSchema, type ResetPasswordInput } from "~/modules/accounts/account.schema";
import { isResetTokenUsable, resetPassword, startSession } from "~/modules/accounts/account.server";
import { AccountForm, PasswordField } from "~/modules/accounts/components/account-form";

export const meta = titleMeta("reset.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return { usable: token.length >= 20 && token.length <= 200 && (await isResetTokenUsable(getDb(), token)) };
}

const guard = () => ({ db: getDb() });

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    // The page's one form posts without an intent; neither the password nor the token is sent back.
    "": intent({
      async run(g, _raw, { form }) {
        const parsed = parseFormData(form, ResetPasswordSchema);
        if (!parsed.ok) {
          // A malformed link is one message above the form, whatever else was typed.
          if (parsed.fieldErrors.token) return refuse(400, "reset.invalid");
          const [field, error] = Object.entries(parsed.fieldErrors)[0] ?? ["password", "errors.invalid"];
          return refuse(400, error, { field });
        }
        return startSession(await resetPassword(g.db, parsed.data), "/account");
      },
      done: (_g, session) => redirect(withNotice(session.to, "reset.done"), { headers: { "Set-Cookie": session.cookie } }),
    }),
  });

export default function ResetPassword() {
  const { t } = useTranslation();
  const { usable } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const form = useAppForm<ResetPasswordInput>(ResetPasswordSchema, { token: params.get("token") ?? "" });
  return (
    <>
      <Heading1>{t("reset.title")}</Heading1>
      {!usable && !form.failure ? (
        <Alert type="error">
          <Paragraph>
            {t("reset.invalid")} <AppLink to="/wachtwoord-vergeten">{t("login.forgot")}</AppLink>
          </Paragraph>
        </Alert>
      ) : (
        <AccountForm form={form} submit={t("reset.submit")}>
          <input type="hidden" {...form.register("token")} />
          <PasswordField form={form} chosen label={t("fields.newPassword")} />
        </AccountForm>
      )}
    </>
  );
}
