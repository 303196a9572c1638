import "~/i18n/page-texts/oidc";
import { useTranslation } from "react-i18next";
import { DataList, DataListItem, DataListKey, DataListValue, Heading2, Paragraph } from "~/components/nlds";

export interface ProviderView {
  slug: string;
  name: string;
  issuer: string;
  clientId: string;
  secretSet: boolean;
  allowedDomains: string[];
  organisationClaim: string | null;
  trustEmail: boolean;
  clockToleranceSeconds: number;
  callback: string;
  signedOut: string;
  discovery: "ok" | "unreachable" | "otherIssuer";
  endSession: boolean | null;
}

/** The configured identity providers, one described list each (read-only: they are configured in the environment). */
export function ProviderList({ providers }: { providers: ProviderView[] }) {
  const { t } = useTranslation();
  if (providers.length === 0) return <Paragraph>{t("oidc.admin.none")}</Paragraph>;
  const yesNo = (v: boolean) => (v ? t("oidc.admin.yes") : t("oidc.admin.no"));
  return (
    <>
      {providers.map((p) => {
        const rows: Array<[string, string]> = [
          [t("oidc.admin.discovery"), t(`oidc.admin.discoveryState.${p.discovery}`)],
          [t("oidc.admin.issuer"), p.issuer],
          [t("oidc.admin.slug"), p.slug],
          [t("oidc.admin.clientId"), p.clientId],
          [t("oidc.admin.secret"), yesNo(p.secretSet)],
          [t("oidc.admin.domains"), p.allowedDomains.length ? p.allowedDomains.join(", ") : t("oidc.admin.anyDomain")],
          [t("oidc.admin.organisationClaim"), p.organisationClaim ?? t("oidc.admin.noClaim")],
          [t("oidc.admin.trustEmail"), yesNo(p.trustEmail)],
          [t("oidc.admin.clock"), t("oidc.admin.seconds", { count: p.clockToleranceSeconds })],
          [t("oidc.admin.endSession"), p.endSession === null ? t("oidc.admin.unknown") : yesNo(p.endSession)],
          [t("oidc.admin.callback"), p.callback],
          [t("oidc.admin.signedOut"), p.signedOut],
        ];
        return (
          <section key={p.slug} aria-labelledby={`provider-${p.slug}`}>
            <Heading2 id={`provider-${p.slug}`}>{p.name}</Heading2>
            <DataList>
              {rows.map(([key, value]) => (
                <DataListItem key={key}>
                  <DataListKey>{key}</DataListKey>
                  <DataListValue>{value}</DataListValue>
                </DataListItem>
              ))}
            </DataList>
          </section>
        );
      })}
    </>
  );
}
