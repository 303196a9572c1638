import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Alert, Heading1, Heading2, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { handleIntents, intent } from "~/lib/action.server";
import { retryAfterHeaders } from "~/lib/headers";
import { titleMeta } from "~/lib/meta";
import { withNotice } from "~/lib/notice";
import { ok, refuse } from "~/lib/outcome";
import { safeRedirect } from "~/lib/redirect";
import { actorFrom } from "~/modules/audit/audit.server";
import { CodeForm } from "~/modules/mfa/components/code-form";
import { PasskeyStep, usePasskeySupport } from "~/modules/mfa/components/passkey";
import { CodeSchema, PasskeyAnswerSchema } from "~/modules/mfa/mfa.schema";
import { answerChallenge, ENROL_PATH, factorsOf, findChallenge, readChallengeCookie, stepUp } from "~/modules/mfa/mfa.server";
import { answerChallengeWithPasskey, bindingOf, passkeyAuthenticationOptions, stepUpWithPasskey } from "~/modules/mfa/passkeys.server";
import mfaCss from "~/styles/mfa.css";

export const meta = titleMeta("mfa.step.title");

// Too many wrong codes (429) say when to try again.
export const headers = retryAfterHeaders;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: mfaCss }];

/**
 * The second step of signing in (ADR 0024; a passkey or a code, ADR 0029), in one of two ways: after the password (no session yet,
 * only this browser's step cookie), or for a signed-in session that has not passed the second factor
 * (a privileged page, or a session started another way) — then the session passes it here.
 */
async function whereWeAre({ request, context }: { request: Request; context: LoaderFunctionArgs["context"] }) {
  const redirectTo = new URL(request.url).searchParams.get("redirectTo") ?? "";
  if (context.user && context.session) {
    const back = safeRedirect(redirectTo, "/mijn-lauwer");
    if (context.session.secondFactorAt) throw redirect(back);
    if (!context.user.mfaEnrolled) throw redirect(`${ENROL_PATH}?redirectTo=${encodeURIComponent(back)}`);
    return { mode: "stepUp" as const, redirectTo, userId: context.user.id, sessionId: context.session.id, token: null };
  }
  const token = readChallengeCookie(request.headers.get("cookie"));
  // No step (never started, used, over after too many wrong codes, or expired): the page says to sign in again.
  const challenge = await findChallenge(getDb(), token);
  const mode = challenge ? ("login" as const) : ("expired" as const);
  return { mode, redirectTo: "", userId: challenge?.user_id ?? null, sessionId: null, token };
}

type Where = Awaited<ReturnType<typeof whereWeAre>>;

/** What ties a passkey ceremony to this browser: the step's token after the password, else the session. */
const bindingHere = (g: Where) => bindingOf(g.mode === "login" ? g.token! : g.sessionId!);

export async function loader(args: LoaderFunctionArgs) {
  const { mode, redirectTo, userId } = await whereWeAre(args);
  // Which ways the person has: the page offers the passkey first when there is one (and the browser can).
  const factors = userId ? await factorsOf(getDb(), userId) : { app: false, passkeys: 0 };
  return { mode, redirectTo, hasApp: factors.app, hasPasskey: factors.passkeys > 0 };
}

async function guard(a: ActionFunctionArgs) {
  return { ...(await whereWeAre(a)), db: getDb(), context: a.context };
}

/** A right code or passkey: on to where the person was going (a new session after the password). */
function passed(g: Awaited<ReturnType<typeof guard>>, next: { to: string; cookies: string[] }) {
  const headers = new Headers();
  for (const cookie of next.cookies) headers.append("Set-Cookie", cookie);
  return redirect(g.mode === "login" ? withNotice(next.to, "login.done") : next.to, { status: 303, headers });
}

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    "": intent({
      schema: CodeSchema,
      run: async (g, input) => {
        if (g.mode === "stepUp") {
          const passed = await stepUp(g.db, actorFrom(g.context), { userId: g.userId!, sessionId: g.sessionId! }, input.code);
          return passed.ok ? ok({ to: safeRedirect(input.redirectTo, "/mijn-lauwer"), cookies: [] as string[] }) : passed;
        }
        const c = g.context;
        if (g.mode === "expired") return refuse(409, "mfa.errors.stepExpired");
        return answerChallenge(g.db, { token: g.token, ip: c.ip, requestId: c.requestId, userAgent: c.userAgent }, input.code);
      },
      done: passed,
    }),
    // The options of navigator.credentials.get() for the passkey button (asked by the page's script).
    passkeyOptions: intent({
      run: (g) =>
        g.mode === "expired"
          ? Promise.resolve(refuse(409, "mfa.errors.stepExpired"))
          : passkeyAuthenticationOptions(g.db, g.userId!, bindingHere(g)),
      done: (_g, options) => data({ passkeyOptions: options }),
    }),
    passkey: intent({
      schema: PasskeyAnswerSchema,
      run: async (g, input) => {
        if (g.mode === "stepUp") {
          const stepped = await stepUpWithPasskey(
            g.db,
            actorFrom(g.context),
            { userId: g.userId!, sessionId: g.sessionId! },
            input.response,
          );
          return stepped.ok ? ok({ to: safeRedirect(input.redirectTo, "/mijn-lauwer"), cookies: [] as string[] }) : stepped;
        }
        const c = g.context;
        if (g.mode === "expired") return refuse(409, "mfa.errors.stepExpired");
        return answerChallengeWithPasskey(
          g.db,
          { token: g.token, ip: c.ip, requestId: c.requestId, userAgent: c.userAgent },
          input.response,
        );
      },
      done: passed,
    }),
  });

export default function SecondStep() {
  const { mode, redirectTo, hasApp, hasPasskey } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  // The passkey is the obvious way when the person has one and this browser can use it; the code form stays.
  const supported = usePasskeySupport();
  const passkeyFirst = hasPasskey && supported;
  return (
    <>
      <Heading1>{t(passkeyFirst && mode !== "expired" ? "mfa.passkey.stepTitle" : "mfa.step.title")}</Heading1>
      {mode === "expired" ? (
        <Alert type="warning">
          <Paragraph>{t("mfa.errors.stepExpired")}</Paragraph>
        </Alert>
      ) : (
        <>
          {passkeyFirst ? (
            <>
              <Paragraph>{t(mode === "login" ? "mfa.passkey.stepLoginIntro" : "mfa.passkey.stepUpIntro")}</Paragraph>
              <PasskeyStep redirectTo={redirectTo} />
              <Heading2>{t("mfa.passkey.orCode")}</Heading2>
              <Paragraph>{t(hasApp ? "mfa.passkey.orCodeIntro" : "mfa.passkey.orRecoveryIntro")}</Paragraph>
            </>
          ) : hasApp ? (
            <Paragraph>{t(mode === "login" ? "mfa.step.intro" : "mfa.step.stepUpIntro")}</Paragraph>
          ) : (
            <Paragraph>{t(mode === "login" ? "mfa.passkey.recoveryOnlyIntro" : "mfa.passkey.recoveryOnlyStepUpIntro")}</Paragraph>
          )}
          <CodeForm
            submit={t("mfa.step.submit")}
            redirectTo={redirectTo}
            secondary={passkeyFirst}
            description={hasApp ? undefined : t("mfa.passkey.recoveryCodeDescription")}
          />
          {hasApp ? <Paragraph>{t("mfa.step.recoveryHint")}</Paragraph> : null}
          <Paragraph>{t("mfa.step.lost")}</Paragraph>
        </>
      )}
      {mode !== "stepUp" ? (
        <Paragraph>
          <AppLink to="/inloggen">{t("mfa.step.again")}</AppLink>
        </Paragraph>
      ) : null}
    </>
  );
}
