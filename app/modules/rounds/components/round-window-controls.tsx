import { useTranslation } from "react-i18next";
import { Paragraph } from "~/components/nlds";
import { IntentButton } from "~/modules/voting/components/live-controls";

/**
 * Opening and closing by hand a round whose window was left empty (a live vote has its own
 * controls): "Ronde nu openen" while it has not opened, "Ronde nu sluiten" while it is open without
 * an end. Nothing when the round follows its set times.
 */
export function RoundWindowControls({
  state,
  hasEnd,
  hasStart,
}: {
  state: "upcoming" | "open" | "closed";
  hasStart: boolean;
  hasEnd: boolean;
}) {
  const { t } = useTranslation();
  if (state === "upcoming" && !hasStart) {
    return (
      <div className="lauwer-actions">
        <Paragraph>{t("roundWindow.openNowHint")}</Paragraph>
        <IntentButton intent="openNow" label={t("roundWindow.openNow")} primary />
      </div>
    );
  }
  if (state === "open" && !hasEnd) {
    return (
      <div className="lauwer-actions">
        <Paragraph>{t("roundWindow.closeNowHint")}</Paragraph>
        <IntentButton intent="closeNow" label={t("roundWindow.closeNow")} primary />
      </div>
    );
  }
  return null;
}
