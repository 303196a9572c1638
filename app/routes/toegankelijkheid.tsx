import { Heading1, Paragraph } from "~/components/nlds";
import { useTranslation } from "react-i18next";
import { titleMeta } from "~/lib/meta";

export const meta = titleMeta("a11y.title");

export default function Accessibility() {
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("a11y.title")}</Heading1>
      <Paragraph>{t("a11y.intro")}</Paragraph>
      <Paragraph>{t("a11y.how")}</Paragraph>
      <Paragraph>{t("a11y.contact")}</Paragraph>
    </>
  );
}
