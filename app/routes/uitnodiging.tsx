import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import "~/i18n/page-texts/teams";
import { requireUser } from "~/auth/guards.server";
import { Alert, Button, Heading1, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { handleIntents, intent, redirectWithNotice } from "~/lib/action.server";
import type { FormFailure } from "~/lib/forms.server";
import { useDateFormat } from "~/lib/locale";
import { titleMeta } from "~/lib/meta";
import { InvitationWayIn } from "~/modules/teams/components/invitation-way-in";
import { acceptRoleInvitations, invitationByToken } from "~/modules/teams/teams.server";

export const meta = titleMeta("teams.invitation.title");

/**
 * The mailed link of a role invitation. Opening it changes nothing (mail scanners prefetch links): it
 * says who invites whom to what, and how to get the role — sign up or log in with the invited address,
 * after which the role starts by itself. A signed-in person with that verified address accepts here.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const invitation = await invitationByToken(getDb(), url.searchParams.get("token"), context.locale, context.user?.id);
  if (!invitation) return { valid: false as const };
  const user = context.user;
  const here = url.pathname + url.search;
  return {
    valid: true as const,
    invitation,
    here,
    viewer: user ? { email: user.email, matches: user.email === invitation.email, verified: user.emailVerified } : null,
  };
}

const guard = ({ request, context }: ActionFunctionArgs) => ({ db: getDb(), user: requireUser(request, context) });

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    // The page's one form (accept) posts without an intent; it claims what is open for the person's verified address.
    "": intent({
      run: (g) => acceptRoleInvitations(g.db, g.user),
      done: () => redirectWithNotice("/mijn-lauwer", "teams.notice.accepted"),
    }),
  });

export default function RoleInvitation() {
  const d = useLoaderData<typeof loader>();
  const failed = useActionData<FormFailure>();
  const { t } = useTranslation();
  const date = useDateFormat();
  if (!d.valid)
    return (
      <>
        <Heading1>{t("teams.invitation.title")}</Heading1>
        <Alert type="error">
          <Paragraph>{t("teams.invitation.invalid")}</Paragraph>
        </Alert>
      </>
    );
  const { invitation: i, viewer } = d;
  const params = {
    inviter: i.inviter ?? "",
    email: i.email,
    role: t(`teams.roles.${i.role}`),
    scope: i.scope ?? t("roles.platform"),
  };
  return (
    <>
      <Heading1>{t("teams.invitation.title")}</Heading1>
      {failed?.formError ? (
        <Alert type="error" id="form-error" tabIndex={-1}>
          <Paragraph>{t(failed.formError)}</Paragraph>
        </Alert>
      ) : null}
      <Paragraph lead>{t(i.inviter ? "teams.invitation.intro" : "teams.invitation.introNoInviter", params)}</Paragraph>
      {i.accepted ? null : <Paragraph>{t("teams.invitation.expires", { date: date(i.expiresAt) })}</Paragraph>}
      {i.accepted ? (
        <Alert type="ok">
          <Paragraph>{t("teams.invitation.alreadyYours", params)}</Paragraph>
        </Alert>
      ) : !viewer ? (
        <>
          <InvitationWayIn
            newAccount={t("teams.invitation.newAccount", params)}
            haveAccount={t("teams.invitation.haveAccount")}
            here={d.here}
          />
        </>
      ) : !viewer.matches ? (
        <Alert type="warning">
          <Paragraph>{t("teams.invitation.otherAccount", { ...params, current: viewer.email })}</Paragraph>
        </Alert>
      ) : !viewer.verified ? (
        <Alert type="info">
          <Paragraph>{t("teams.invitation.unverified")}</Paragraph>
        </Alert>
      ) : (
        <>
          <Paragraph>{t("teams.invitation.acceptIntro", params)}</Paragraph>
          <Form method="post">
            <Button type="submit" appearance="primary-action-button">
              {t("teams.invitation.accept")}
            </Button>
          </Form>
        </>
      )}
    </>
  );
}
