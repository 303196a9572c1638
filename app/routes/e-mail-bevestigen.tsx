import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { Alert, Button, Heading1, Paragraph } from "~/components/nlds";
import { useTranslation } from "react-i18next";
import { getDb } from "~/db.server";
import { titleMeta } from "~/lib/meta";
import { withNotice } from "~/lib/notice";
import { formFailure, parseForm } from "~/lib/forms.server";
import { TokenSchema } from "~/modules/accounts/account.schema";
import { resendVerification, verifyEmail } from "~/modules/accounts/account.server";
import { requireUser } from "~/auth/guards.server";

export const meta = titleMeta("verify.title");

// Opening the link only shows a button: mail scanners that prefetch links must not use up the token.
export async function loader(_: LoaderFunctionArgs) {
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const url = new URL(request.url);
  if (url.searchParams.get("intent") === "resend") {
    const user = requireUser(request, context);
    const result = await resendVerification(getDb(), user.id);
    if (result === "throttled") return formFailure(429, { fieldErrors: {}, formError: "errors.tooMany" });
    return redirect(withNotice("/account", result === "sent" ? "verify.resent" : "verify.alreadyVerified"));
  }
  const parsed = await parseForm(request, TokenSchema);
  if (!parsed.ok || !(await verifyEmail(getDb(), parsed.data.token))) {
    return formFailure(400, { fieldErrors: {}, formError: "verify.invalid" });
  }
  return redirect(withNotice(context.user ? "/account" : "/inloggen", "verify.done"));
}

export default function VerifyEmail() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const data = useActionData<typeof action>();
  const failed = data && "formError" in data ? data.formError : undefined;
  return (
    <>
      <Heading1>{t("verify.title")}</Heading1>
      {failed ? (
        <Alert type="error">
          <Paragraph>{t(failed)}</Paragraph>
        </Alert>
      ) : null}
      <Paragraph>{t("verify.intro")}</Paragraph>
      <Form method="post">
        <input type="hidden" name="token" value={params.get("token") ?? ""} />
        <Button type="submit" appearance="primary-action-button">
          {t("verify.submit")}
        </Button>
      </Form>
    </>
  );
}
