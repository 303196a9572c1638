import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { AppLink } from "~/components/app-link";
import { FormError } from "~/components/form";
import { Heading1, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { handleIntents, intent, redirectWithNotice } from "~/lib/action.server";
import type { FormFailure } from "~/lib/forms.server";
import { formatDate } from "~/lib/locale";
import { titleMeta } from "~/lib/meta";
import { EndSessionSchema } from "~/modules/accounts/account.schema";
import { SessionsList } from "~/modules/accounts/components/self-service";
import { describeAgent, endOtherSessions, endSession, listSessions } from "~/modules/accounts/sessions.server";

export const meta = titleMeta("accounts.sessions.title");

const WHEN: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const sessions = await listSessions(getDb(), user.id, context.session?.id ?? null);
  return {
    sessions: sessions.map((s) => ({
      handle: s.handle,
      ...describeAgent(s.userAgent),
      authMethod: s.authMethod,
      secondFactor: s.secondFactor,
      createdAt: formatDate(context.locale, s.createdAt, WHEN),
      lastSeenAt: formatDate(context.locale, s.lastSeenAt, WHEN),
      current: s.current,
    })),
  };
}

const guard = ({ request, context }: ActionFunctionArgs) => ({
  db: getDb(),
  user: requireUser(request, context),
  // requireUser passed, so there is a session; this browser's own is never ended here.
  sessionId: context.session?.id ?? "",
});

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    end: intent({
      schema: EndSessionSchema,
      errorsOnForm: true,
      run: (g, input) => endSession(g.db, g.user.id, g.sessionId, input.session),
      done: () => redirectWithNotice("/account/sessies", "accounts.sessions.ended"),
    }),
    endOthers: intent({
      run: (g) => endOtherSessions(g.db, g.user.id, g.sessionId),
      done: () => redirectWithNotice("/account/sessies", "accounts.sessions.endedOthers"),
    }),
  });

export default function AccountSessions() {
  const { sessions } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const { t } = useTranslation();
  return (
    <>
      <Paragraph>
        <AppLink to="/account">{t("account.title")}</AppLink>
      </Paragraph>
      <Heading1>{t("accounts.sessions.title")}</Heading1>
      <FormError failure={failure} />
      <Paragraph>{t("accounts.sessions.intro")}</Paragraph>
      <SessionsList sessions={sessions} />
    </>
  );
}
