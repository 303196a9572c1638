import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Alert, Heading1, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { handleIntents, intent } from "~/lib/action.server";
import { retryAfterHeaders } from "~/lib/headers";
import { titleMeta } from "~/lib/meta";
import { withNotice } from "~/lib/notice";
import { ok, refuse } from "~/lib/outcome";
import { safeRedirect } from "~/lib/redirect";
import { actorFrom } from "~/modules/audit/audit.server";
import { CodeForm } from "~/modules/mfa/components/code-form";
import { CodeSchema } from "~/modules/mfa/mfa.schema";
import { answerChallenge, ENROL_PATH, findChallenge, readChallengeCookie, stepUp } from "~/modules/mfa/mfa.server";
import mfaCss from "~/styles/mfa.css";

export const meta = titleMeta("mfa.step.title");

// Too many wrong codes (429) say when to try again.
export const headers = retryAfterHeaders;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: mfaCss }];

/**
 * The second step of signing in (ADR 0024), in one of two ways: after the password (no session yet,
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
  const mode = (await findChallenge(getDb(), token)) ? ("login" as const) : ("expired" as const);
  return { mode, redirectTo: "", userId: null, sessionId: null, token };
}

export async function loader(args: LoaderFunctionArgs) {
  const { mode, redirectTo } = await whereWeAre(args);
  return { mode, redirectTo };
}

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, async (a: ActionFunctionArgs) => ({ ...(await whereWeAre(a)), db: getDb(), context: a.context }), {
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
      done: (g, next) => {
        const headers = new Headers();
        for (const cookie of next.cookies) headers.append("Set-Cookie", cookie);
        return redirect(g.mode === "login" ? withNotice(next.to, "login.done") : next.to, { status: 303, headers });
      },
    }),
  });

export default function SecondStep() {
  const { mode, redirectTo } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("mfa.step.title")}</Heading1>
      {mode === "expired" ? (
        <Alert type="warning">
          <Paragraph>{t("mfa.errors.stepExpired")}</Paragraph>
        </Alert>
      ) : (
        <>
          <Paragraph>{t(mode === "login" ? "mfa.step.intro" : "mfa.step.stepUpIntro")}</Paragraph>
          <CodeForm submit={t("mfa.step.submit")} redirectTo={redirectTo} />
          <Paragraph>{t("mfa.step.recoveryHint")}</Paragraph>
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
