import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { Alert, Button, Heading1, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { formFailure } from "~/lib/forms.server";
import { titleMeta } from "~/lib/meta";
import { withNotice } from "~/lib/notice";
import { acceptInvite, inviteContext } from "~/modules/jury/jury.server";

export const meta = titleMeta("jury.invite.title");

const tokenFrom = (url: URL) => {
  const token = url.searchParams.get("token") ?? "";
  return token.length >= 20 && token.length <= 200 ? token : null;
};

// Accepting needs an account (existing or new): visitors log in or sign up first and come back here.
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireUser(request, context);
  const token = tokenFrom(new URL(request.url));
  const ctx = token ? await inviteContext(getDb(), token) : undefined;
  if (!ctx) return { valid: false as const };
  return { valid: true as const, award: `${context.locale === "en" ? ctx.name_en : ctx.name_nl} ${ctx.year}`, email: ctx.email };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const token = tokenFrom(new URL(request.url));
  const result = token ? await acceptInvite(getDb(), user, token) : { ok: false as const };
  if (!result.ok) return formFailure(400, { fieldErrors: {}, formError: "jury.invite.invalid" });
  return redirect(withNotice("/jury", "jury.notice.accepted"), 303);
}

export default function AcceptJuryInvite() {
  const data = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("jury.invite.title")}</Heading1>
      {!data.valid || failed ? (
        <Alert type="error">
          <Paragraph>{t("jury.invite.invalid")}</Paragraph>
        </Alert>
      ) : (
        <>
          <Paragraph>{t("jury.invite.intro", { award: data.award, email: data.email })}</Paragraph>
          <Form method="post">
            <Button type="submit" appearance="primary-action-button">
              {t("jury.invite.accept")}
            </Button>
          </Form>
        </>
      )}
    </>
  );
}
