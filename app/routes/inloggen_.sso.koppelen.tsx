import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, Heading1, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { nextAfterSignIn } from "~/modules/mfa/mfa.server";
import { handleIntents, intent } from "~/lib/action.server";
import type { FormFailure } from "~/lib/forms.server";
import { titleMeta } from "~/lib/meta";
import { withNotice } from "~/lib/notice";
import { ok } from "~/lib/outcome";
import { startSession } from "~/modules/accounts/account.server";
import "~/i18n/page-texts/oidc";
import { SsoFailure } from "~/modules/identity/components/sso-failure";
import { LinkTokenSchema } from "~/modules/identity/sso.schema";
import { confirmLink, describeLink } from "~/modules/identity/sso.server";

export const meta = titleMeta("oidc.link.title");

/**
 * The mailed link (the token is the authority): opening it only shows what will be linked and a
 * button, so a mail scanner that prefetches links links nothing.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const described = token.length >= 20 && token.length <= 200 ? await describeLink(getDb(), token) : null;
  if (!described?.ok) return data({ token: "", link: null }, { status: 400 });
  return { token, link: described.value };
}

const guard = ({ context }: ActionFunctionArgs) => ({ db: getDb(), userAgent: context.userAgent });

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    "": intent({
      schema: LinkTokenSchema,
      errorsOnForm: true,
      run: async (g, input) => {
        const linked = await confirmLink(g.db, input.token);
        if (!linked.ok || linked.value.kind !== "session") return linked.ok ? ok(null) : linked;
        const { userId, to, authMethod, secondFactorAt } = linked.value;
        const next = await nextAfterSignIn(g.db, userId, to, secondFactorAt !== null);
        return startSession(ok(userId), next, { authMethod, secondFactorAt, userAgent: g.userAgent });
      },
      done: (_g, session) =>
        session
          ? redirect(withNotice(session.to, "login.done"), { status: 303, headers: { "Set-Cookie": session.cookie } })
          : redirect("/"),
    }),
  });

export default function SsoLink() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  if (failure?.formError) return <SsoFailure error={failure.formError} retry={null} />;
  if (!d.link) return <SsoFailure error="oidc.errors.linkInvalid" retry={null} />;
  return (
    <>
      <Heading1>{t("oidc.link.title")}</Heading1>
      <Paragraph>{t("oidc.link.intro", { provider: d.link.provider, email: d.link.email })}</Paragraph>
      <Form method="post">
        <input type="hidden" name="token" value={d.token} />
        <Button type="submit" appearance="primary-action-button">
          {t("oidc.link.submit")}
        </Button>
      </Form>
    </>
  );
}
