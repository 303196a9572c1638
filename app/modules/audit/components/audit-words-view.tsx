import "~/i18n/page-texts/organizer";
import { useTranslation } from "react-i18next";
import { useDateFormat, useNumberFormat } from "~/lib/locale";
import { actionKey, fieldFallback, fieldKey, fieldName, type AuditValue, type AuditWordChange, type RefName } from "../audit-words";

/** Fields whose values are codes with a text of their own (status, kind, role …). */
const CODED_FIELDS = new Set([
  "status",
  "kind",
  "role",
  "decided_by",
  "ballot_mode",
  "advancement",
  "consent_status",
  "nominee_kind",
  "via",
]);

/** An action code in words ("Ronde geopend"); an unknown code as it is. */
export function useActionLabel() {
  const { t } = useTranslation();
  return (code: string) => t(actionKey(code), { defaultValue: code });
}

/** Renders audit values as text: names for ids, dates to the minute, yes/no, field labels. */
export function useAuditText() {
  const { t } = useTranslation();
  const time = useDateFormat({ dateStyle: "medium", timeStyle: "short" });
  const num = useNumberFormat();
  const label = (key: string) => t(fieldKey(key), { defaultValue: fieldFallback(key) });
  const ref = (r: RefName | { kind: string; name: string | null; at?: string }) => {
    if (r.kind === "ballot" && r.at) return t("organizer.audit.ballotAt", { time: time(r.at) });
    if (r.name) return r.name;
    return t(r.kind === "unknown" ? "organizer.audit.unknownRef" : "organizer.audit.removedRef", {
      kind: t(`auditLog.entityTypes.${r.kind}`, { defaultValue: "" }),
    });
  };
  const text = (v: AuditValue, field = ""): string => {
    if (v === null) return t("auditLog.empty");
    switch (v.t) {
      case "text":
        if (v.v === "") return t("auditLog.empty");
        return CODED_FIELDS.has(fieldName(field)) ? t(`organizer.audit.values.${v.v}`, { defaultValue: v.v }) : v.v;
      case "num":
        return num(v.v);
      case "bool":
        return v.v ? t("organizer.audit.yes") : t("organizer.audit.no");
      case "time":
        return time(v.v);
      case "ref":
        return ref(v);
      case "list": {
        if (v.items.length === 0) return t("organizer.audit.none");
        const items = v.items.map((i) => text(i, field));
        return v.more > 0 ? `${items.join("; ")} ${t("organizer.audit.more", { count: v.more })}` : items.join("; ");
      }
      case "record":
        return v.fields.map((f) => `${label(f.key)}: ${text(f.value, f.key)}`).join(", ");
    }
  };
  return { text, label, ref };
}

/** The changes of one entry in words: "Juryronde: van leeg naar Ronde 3 – Shortlist". */
export function AuditWords({ changes }: { changes: AuditWordChange[] }) {
  const { t } = useTranslation();
  const { text, label } = useAuditText();
  if (changes.length === 0) return <>{t("auditLog.noChanges")}</>;
  return (
    <ul className="lauwer-audit-changes">
      {changes.map((c) => (
        <li key={c.key}>
          {c.key
            ? t("auditLog.changed", { key: label(c.key), before: text(c.before, c.key), after: text(c.after, c.key) })
            : t("auditLog.valueChanged", { before: text(c.before), after: text(c.after) })}
        </li>
      ))}
    </ul>
  );
}

/** The subject of an entry: its kind and its name ("Ronde: Ronde 2 – Publieksstemming"). */
export function AuditEntity({ type, entity, hasId }: { type: string; entity: RefName | null; hasId: boolean }) {
  const { t } = useTranslation();
  const { ref } = useAuditText();
  const kind = t(`auditLog.entityTypes.${type}`, { defaultValue: type });
  if (!hasId) return <>{kind}</>;
  // A round's name already says it is one ("Ronde 2 – Publieksprijs").
  if (entity?.kind === "round" && entity.name) return <>{entity.name}</>;
  return (
    <>
      {kind}
      <div>{entity ? ref(entity) : t("organizer.audit.removedRef", { kind: "" })}</div>
    </>
  );
}
