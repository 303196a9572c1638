import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import "~/i18n/page-texts/teams";
import { requireUser } from "~/auth/guards.server";
import { AppLink } from "~/components/app-link";
import { Alert, Button, Heading1, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { handleIntents, intent, redirectWithNotice } from "~/lib/action.server";
import type { FormFailure } from "~/lib/forms.server";
import { pick } from "~/lib/locale";
import { titleMeta } from "~/lib/meta";
import { acceptInvite, inviteContext } from "~/modules/jury/jury.server";
import { InvitationWayIn } from "~/modules/teams/components/invitation-way-in";

export const meta = titleMeta("jury.invite.title");

const tokenFrom = (url: URL) => {
  const token = url.searchParams.get("token") ?? "";
  return token.length >= 20 && token.length <= 200 ? token : null;
};

// Opening the link changes nothing (mail scanners prefetch links). A visitor reads the invitation and
// the way in: an account with the invited address gives the place as soon as the address is confirmed
// (ADR 0031), or logging in. Signed in, the person accepts here, or is told the place is already theirs.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = context.user ? requireUser(request, context) : null;
  const url = new URL(request.url);
  const token = tokenFrom(url);
  const ctx = token ? await inviteContext(getDb(), token, user?.id) : undefined;
  if (!ctx) return { valid: false as const };
  return {
    valid: true as const,
    award: `${pick(context.locale, ctx.name_nl, ctx.name_en)} ${ctx.year}`,
    email: ctx.email,
    accepted: ctx.accepted,
    visitor: !user,
    here: url.pathname + url.search,
  };
}

const guard = ({ request, context }: ActionFunctionArgs) => ({
  db: getDb(),
  user: requireUser(request, context),
  token: tokenFrom(new URL(request.url)),
});

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    // The page's one form (accept) posts without an intent.
    "": intent({
      run: (g) => acceptInvite(g.db, g.user, g.token),
      done: () => redirectWithNotice("/jury", "jury.notice.accepted"),
    }),
  });

export default function AcceptJuryInvite() {
  const data = useLoaderData<typeof loader>();
  const failed = useActionData<FormFailure>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("jury.invite.title")}</Heading1>
      {!data.valid || failed ? (
        <Alert type="error">
          <Paragraph>{t("jury.invite.invalid")}</Paragraph>
        </Alert>
      ) : data.visitor ? (
        <>
          <Paragraph lead>{t("teams.juryInvite.visitorIntro", { email: data.email, award: data.award })}</Paragraph>
          <InvitationWayIn
            newAccount={t("teams.juryInvite.newAccount", { email: data.email })}
            haveAccount={t("teams.juryInvite.haveAccount")}
            here={data.here}
          />
        </>
      ) : data.accepted ? (
        <>
          <Alert type="ok">
            <Paragraph>{t("teams.juryInvite.alreadyYours", { award: data.award })}</Paragraph>
          </Alert>
          <Paragraph>
            <AppLink to="/jury">{t("teams.juryInvite.toJury")}</AppLink>
          </Paragraph>
        </>
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
