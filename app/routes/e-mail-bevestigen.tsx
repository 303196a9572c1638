import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { Alert, Button, Heading1, Paragraph } from "~/components/nlds";
import { useTranslation } from "react-i18next";
import { getDb } from "~/db.server";
import { handleIntents, intent } from "~/lib/action.server";
import { titleMeta } from "~/lib/meta";
import { withNotice } from "~/lib/notice";
import { parseFormData, type FormFailure } from "~/lib/forms.server";
import { refuse } from "~/lib/outcome";
import { TokenSchema } from "~/modules/accounts/account.schema";
import { resendVerification, verifyEmail } from "~/modules/accounts/account.server";
import { requireUser } from "~/auth/guards.server";
import { confirmEmailChange } from "~/modules/accounts/profile.server";

export const meta = titleMeta("verify.title");

// Opening the link only shows a button: mail scanners that prefetch links must not use up the token.
export async function loader(_: LoaderFunctionArgs) {
  return null;
}

const guard = ({ request, context }: ActionFunctionArgs) => ({ db: getDb(), request, context });

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    // The mailed link's button posts the token without an intent; anything wrong with it is one message.
    "": intent({
      async run(g, _raw, { form }) {
        const parsed = parseFormData(form, TokenSchema);
        return parsed.ok ? verifyEmail(g.db, parsed.data.token) : refuse(400, "verify.invalid");
      },
      done: (g) => redirect(withNotice(g.context.user ? "/account" : "/inloggen", "verify.done")),
    }),
    // The link mailed to a new address (/e-mail-bevestigen?wijziging=1&token=…): the account's address changes.
    change: intent({
      async run(g, _raw, { form }) {
        const parsed = parseFormData(form, TokenSchema);
        return parsed.ok ? confirmEmailChange(g.db, parsed.data.token) : refuse(400, "accounts.email.errors.invalidLink");
      },
      done: (g) => redirect(withNotice(g.context.user ? "/account" : "/inloggen", "accounts.email.changed"), 303),
    }),
    // The account page's button (/e-mail-bevestigen?intent=resend), for the signed-in user only.
    resend: intent({
      run: (g) => resendVerification(g.db, requireUser(g.request, g.context).id),
      done: (_g, result) => redirect(withNotice("/account", result === "sent" ? "verify.resent" : "verify.alreadyVerified")),
    }),
  });

export default function VerifyEmail() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const data = useActionData<FormFailure>();
  const failed = data?.formError;
  // A change of address has its own words; the button posts the token to its intent.
  const change = params.get("wijziging") !== null;
  return (
    <>
      <Heading1>{t(change ? "accounts.email.confirmTitle" : "verify.title")}</Heading1>
      {failed ? (
        <Alert type="error">
          <Paragraph>{t(failed)}</Paragraph>
        </Alert>
      ) : null}
      <Paragraph>{t(change ? "accounts.email.confirmIntro" : "verify.intro")}</Paragraph>
      <Form method="post" action={change ? "?wijziging=1&intent=change" : undefined}>
        <input type="hidden" name="token" value={params.get("token") ?? ""} />
        <Button type="submit" appearance="primary-action-button">
          {t("verify.submit")}
        </Button>
      </Form>
    </>
  );
}
