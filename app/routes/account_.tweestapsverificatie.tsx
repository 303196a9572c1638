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
import { RemovePasskey } from "~/modules/mfa/components/passkey";
import { RecoveryCodes, SecondFactorPanel } from "~/modules/mfa/components/second-factor-panel";
import {
  CodeSchema,
  ConfirmSchema,
  ENROL_PATH,
  PasskeyNameSchema,
  PasskeyRegisterSchema,
  RemovePasskeyByPasskeySchema,
  RemovePasskeySchema,
} from "~/modules/mfa/mfa.schema";
import {
  confirmEnrolment,
  disableSecondFactor,
  regenerateRecoveryCodes,
  secondFactorState,
  startEnrolment,
} from "~/modules/mfa/mfa.server";
import {
  addPasskey,
  bindingOf,
  MAX_PASSKEYS,
  passkeyAuthenticationOptions,
  passkeyRegistrationOptions,
  removePasskey,
} from "~/modules/mfa/passkeys.server";
import mfaCss from "~/styles/mfa.css";

export const meta = titleMeta("mfa.enrol.title");

export const headers = retryAfterHeaders;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: mfaCss }];

/** What the page says after a change it redirected back from (its texts are not in the first page's bundle, where notices live). */
function noticeOf(url: URL, state: { app: boolean; on: boolean }): string | null {
  if (url.searchParams.get("uitgezet") === "1") return !state.on ? "mfa.notice.disabled" : !state.app ? "mfa.notice.appRemoved" : null;
  const passkey = url.searchParams.get("passkey");
  if (passkey === "toegevoegd") return "mfa.notice.passkeyAdded";
  if (passkey === "verwijderd") return state.on ? "mfa.notice.passkeyRemoved" : "mfa.notice.disabled";
  return null;
}

/**
 * The person's second factors (ADR 0024, 0029): passkeys and the authenticator app. A person who has one
 * manages them only after passing it (requireUser sends them to the code step).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const state = await secondFactorState(getDb(), user);
  const url = new URL(request.url);
  // Sent here by signing in: where the person was going says they are signed in, once the factor is on.
  const to = url.searchParams.get("redirectTo") ?? "";
  const redirectTo =
    to && url.searchParams.get("melding") === "login.done" ? withNotice(safeRedirect(to, "/mijn-lauwer"), "login.done") : to;
  // ?verwijderen=<id>: confirming the removal of one of the person's passkeys.
  const removing = state.passkeys.find((p) => p.id === url.searchParams.get("verwijderen")) ?? null;
  return {
    state: {
      app: state.app,
      on: state.on,
      required: state.required,
      recoveryLeft: state.recoveryLeft,
      pending: state.pending,
      passkeys: state.passkeys,
      canAddPasskey: state.passkeys.length < MAX_PASSKEYS,
    },
    redirectTo,
    notice: noticeOf(url, state),
    removing: removing && { id: removing.id, name: removing.name, last: !state.app && state.passkeys.length === 1 },
  };
}

function guard({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  return { db: getDb(), user, sessionId: context.session!.id, actor: actorFrom(context) };
}

type Guarded = ReturnType<typeof guard>;

const who = (g: Guarded) => ({ userId: g.user.id, sessionId: g.sessionId });

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
    // Passkeys (ADR 0029): the options of navigator.credentials.create() (asked by the page's script
    // once the name is right), then the browser's attestation.
    passkeyOptions: intent({
      schema: PasskeyNameSchema,
      run: (g) => passkeyRegistrationOptions(g.db, { ...who(g), email: g.user.email, name: g.user.name }),
      done: (_g, options) => data({ passkeyOptions: options }),
    }),
    passkeyRegister: intent({
      schema: PasskeyRegisterSchema,
      run: async (g, input) => {
        const added = await addPasskey(g.db, g.actor, who(g), input);
        return added.ok ? ok({ recoveryCodes: added.value.recoveryCodes, next: safeRedirect(input.redirectTo, ENROL_PATH) }) : added;
      },
      // A first second factor shows its recovery codes once; another passkey is said on the page.
      done: (_g, shown) => (shown.recoveryCodes ? data(shown) : redirect(`${ENROL_PATH}?passkey=toegevoegd`, 303)),
    }),
    // Removing a passkey, confirmed with a passkey (its options first) or with a code.
    passkeyConfirmOptions: intent({
      run: (g) => passkeyAuthenticationOptions(g.db, g.user.id, bindingOf(g.sessionId)),
      done: (_g, options) => data({ passkeyOptions: options }),
    }),
    removePasskeyByPasskey: intent({
      schema: RemovePasskeyByPasskeySchema,
      run: (g, input) => removePasskey(g.db, g.actor, who(g), input.passkey, { response: input.response }),
      done: () => redirect(`${ENROL_PATH}?passkey=verwijderd`, 303),
    }),
    removePasskey: intent({
      schema: RemovePasskeySchema,
      run: (g, input) => removePasskey(g.db, g.actor, who(g), input.passkey, { code: input.code }),
      done: () => redirect(`${ENROL_PATH}?passkey=verwijderd`, 303),
    }),
  });

export default function SecondFactorPage() {
  const { state, redirectTo, notice, removing } = useLoaderData<typeof loader>();
  const shown = useActionData<{ recoveryCodes?: string[] | null; next?: string }>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("mfa.enrol.title")}</Heading1>
      {notice && !shown?.recoveryCodes ? (
        <Alert type="ok">
          <Paragraph>{t(notice)}</Paragraph>
        </Alert>
      ) : null}
      {shown?.recoveryCodes ? (
        <RecoveryCodes codes={shown.recoveryCodes} next={shown.next ?? ENROL_PATH} />
      ) : removing ? (
        <RemovePasskey passkey={removing} last={removing.last} hasApp={state.app} />
      ) : (
        <SecondFactorPanel state={state} redirectTo={redirectTo} />
      )}
    </>
  );
}
