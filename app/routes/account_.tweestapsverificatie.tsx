import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { Alert, Heading1, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { handleIntents, intent } from "~/lib/action.server";
import { retryAfterHeaders } from "~/lib/headers";
import { titleMeta } from "~/lib/meta";
import { withNotice } from "~/lib/notice";
import { ok } from "~/lib/outcome";
import { safeRedirect } from "~/lib/redirect";
import { actorFrom } from "~/modules/audit/audit.server";
import { RecoveryCodes, SecondFactorPanel } from "~/modules/mfa/components/second-factor-panel";
import { CodeSchema, ConfirmSchema, ENROL_PATH } from "~/modules/mfa/mfa.schema";
import {
  confirmEnrolment,
  disableSecondFactor,
  regenerateRecoveryCodes,
  secondFactorState,
  startEnrolment,
} from "~/modules/mfa/mfa.server";
import mfaCss from "~/styles/mfa.css";

export const meta = titleMeta("mfa.enrol.title");

export const headers = retryAfterHeaders;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: mfaCss }];

/** The person's second factor (ADR 0024). A person who has one manages it only after passing it (requireUser sends them to the code step). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const state = await secondFactorState(getDb(), user);
  const url = new URL(request.url);
  // Sent here by signing in: where the person was going says they are signed in, once the app is on.
  const to = url.searchParams.get("redirectTo") ?? "";
  const redirectTo =
    to && url.searchParams.get("melding") === "login.done" ? withNotice(safeRedirect(to, "/mijn-lauwer"), "login.done") : to;
  return {
    state: { enrolled: state.enrolled, required: state.required, recoveryLeft: state.recoveryLeft, pending: state.pending },
    redirectTo,
    disabled: url.searchParams.get("uitgezet") === "1" && !state.enrolled,
  };
}

function guard({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  return { db: getDb(), user, sessionId: context.session!.id, actor: actorFrom(context) };
}

const here = (redirectTo: string) => (redirectTo ? `${ENROL_PATH}?redirectTo=${encodeURIComponent(redirectTo)}` : ENROL_PATH);

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    start: intent({
      run: async (g, input) => {
        const started = await startEnrolment(g.db, g.user.id);
        return started.ok ? ok(safeRedirect(input.redirectTo, "")) : started;
      },
      done: (_g, redirectTo) => redirect(here(redirectTo), 303),
    }),
    confirm: intent({
      schema: ConfirmSchema,
      run: async (g, input) => {
        const on = await confirmEnrolment(g.db, g.actor, { userId: g.user.id, sessionId: g.sessionId }, input.code);
        return on.ok ? ok({ recoveryCodes: on.value.recoveryCodes, next: safeRedirect(input.redirectTo, ENROL_PATH) }) : on;
      },
      done: (_g, shown) => data(shown),
    }),
    regenerate: intent({
      run: async (g) => {
        const made = await regenerateRecoveryCodes(g.db, g.actor, g.user.id);
        return made.ok ? ok({ recoveryCodes: made.value.recoveryCodes, next: ENROL_PATH }) : made;
      },
      done: (_g, shown) => data(shown),
    }),
    disable: intent({
      schema: CodeSchema,
      run: (g, input) => disableSecondFactor(g.db, g.actor, g.user.id, input.code),
      // Said on the page itself (its texts are not in the first page's bundle, where notices live).
      done: () => redirect(`${ENROL_PATH}?uitgezet=1`, 303),
    }),
  });

export default function SecondFactorPage() {
  const { state, redirectTo, disabled } = useLoaderData<typeof loader>();
  const shown = useActionData<{ recoveryCodes?: string[]; next?: string }>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("mfa.enrol.title")}</Heading1>
      {disabled ? (
        <Alert type="ok">
          <Paragraph>{t("mfa.notice.disabled")}</Paragraph>
        </Alert>
      ) : null}
      {shown?.recoveryCodes ? (
        <RecoveryCodes codes={shown.recoveryCodes} next={shown.next ?? ENROL_PATH} />
      ) : (
        <SecondFactorPanel state={state} redirectTo={redirectTo} />
      )}
    </>
  );
}
