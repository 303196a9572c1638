import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Alert, Heading1, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { handleIntents, intent, redirectWithNotice } from "~/lib/action.server";
import { titleMeta } from "~/lib/meta";
import { UnsubscribeForm } from "~/modules/notices/components/preferences-form";
import { UnsubscribeSchema } from "~/modules/notices/notice.schema";
import { describeUnsubscribe, unsubscribe } from "~/modules/notices/preferences.server";

// The unsubscribe link of every lifecycle mail (ADR 0013): no login; the token names one person and
// one topic. GET shows what it stops and a button; POST (the button, or a mail client's RFC 8058
// one-click) stops it. A bad or forged token is refused with a translated message and changes nothing.

export const meta = titleMeta("notices.unsubscribe.title");

const tokenOf = (request: Request) => new URL(request.url).searchParams.get("token") ?? "";

export async function loader({ request }: LoaderFunctionArgs) {
  const token = tokenOf(request);
  const parsed = UnsubscribeSchema.safeParse({ token });
  const outcome = parsed.success ? await describeUnsubscribe(getDb(), parsed.data.token) : null;
  if (!outcome?.ok) return data({ ok: false as const, error: "notices.errors.badToken" }, { status: 400 });
  return { ok: true as const, token, topic: outcome.value.topic, stopped: outcome.value.stopped };
}

const guard = () => ({ db: getDb() });

/** The token comes from the link (a mail client posts only "List-Unsubscribe=One-Click"), or the button's hidden field. */
export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    "": intent({
      run: (g, _input, { raw }) => {
        const parsed = UnsubscribeSchema.safeParse({ token: tokenOf(args.request) || raw.token || "" });
        return unsubscribe(g.db, parsed.success ? parsed.data.token : "");
      },
      done: (_g, done) => redirectWithNotice(`/afmelden?token=${encodeURIComponent(done.token)}`, "notices.unsubscribe.unsubscribed"),
    }),
  });

export default function Unsubscribe() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("notices.unsubscribe.title")}</Heading1>
      {!page.ok ? (
        <Alert type="error">
          <Paragraph>{t(page.error)}</Paragraph>
        </Alert>
      ) : page.stopped ? (
        <Paragraph>{t("notices.unsubscribe.done")}</Paragraph>
      ) : (
        <>
          <Paragraph>{t("notices.unsubscribe.confirm")}</Paragraph>
          <Paragraph>
            <strong>{t(`notices.topics.${page.topic}`)}</strong>
          </Paragraph>
          <UnsubscribeForm token={page.token} />
        </>
      )}
      <Paragraph>
        <AppLink to="/account">{t("notices.unsubscribe.account")}</AppLink>
      </Paragraph>
    </>
  );
}
