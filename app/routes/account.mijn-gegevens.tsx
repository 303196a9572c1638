import type { LoaderFunctionArgs } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import "~/i18n/page-texts/account";
import { requireUser } from "~/auth/guards.server";
import { AppLink } from "~/components/app-link";
import { Heading1, Paragraph } from "~/components/nlds";
import { titleMeta } from "~/lib/meta";

export const meta = titleMeta("accounts.data.title");

export function loader({ request, context }: LoaderFunctionArgs) {
  requireUser(request, context);
  return null;
}

export default function AccountData() {
  const { t } = useTranslation();
  return (
    <>
      <Paragraph>
        <AppLink to="/account">{t("account.title")}</AppLink>
      </Paragraph>
      <Heading1>{t("accounts.data.title")}</Heading1>
      <Paragraph>{t("accounts.data.intro")}</Paragraph>
      <Paragraph>
        {/* A file, not a page: the browser downloads it (no client-side navigation). */}
        <a
          href="/account/mijn-gegevens.json"
          download
          className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action lauwer-button-link"
        >
          {t("accounts.data.download")}
        </a>
      </Paragraph>
    </>
  );
}
