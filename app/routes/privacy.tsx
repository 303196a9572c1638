import { Heading1, Paragraph } from "~/components/nlds";
import { useTranslation } from "react-i18next";
import { titleMeta } from "~/lib/meta";

export const meta = titleMeta("privacy.title");

export default function Privacy() {
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("privacy.title")}</Heading1>
      <Paragraph>{t("privacy.intro")}</Paragraph>
      <Paragraph>{t("privacy.rights")}</Paragraph>
      <Paragraph>{t("privacy.security")}</Paragraph>
      <Paragraph>{t("privacy.voting")}</Paragraph>
    </>
  );
}
