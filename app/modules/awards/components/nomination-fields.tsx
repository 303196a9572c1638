import type { ComponentProps } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { CheckboxField, SelectField, TextareaField, TextField } from "~/components/form";
import { SelectOption } from "~/components/nlds";
import { MOTIVATION_MAX, MOTIVATION_MIN } from "../nomination.schema";
import { useEdition } from "./use-edition";

/** What the nomination forms hand their field groups: react-hook-form's register and the merged errors. */
export interface FieldBinding {
  register: (name: never) => UseFormRegisterReturn;
  errorOf: (name: string) => string | undefined;
}

const reg = (b: FieldBinding, name: string) => b.register(name as never);

type Bound<P> = Omit<P, "registration" | "error"> & { bind: FieldBinding };

/** A text field of a nomination form, wired to the form by its name. */
export function BoundTextField({ bind, ...field }: Bound<ComponentProps<typeof TextField>>) {
  return <TextField {...field} registration={reg(bind, field.name)} error={bind.errorOf(field.name)} />;
}

/** A textarea of a nomination form, wired to the form by its name. */
export function BoundTextareaField({ bind, ...field }: Bound<ComponentProps<typeof TextareaField>>) {
  return <TextareaField {...field} registration={reg(bind, field.name)} error={bind.errorOf(field.name)} />;
}

export function CategoryField({ bind }: { bind: FieldBinding }) {
  const { t } = useTranslation();
  const edition = useEdition();
  return (
    <SelectField
      name="categoryId"
      label={t("nominate.fields.category")}
      registration={reg(bind, "categoryId")}
      error={bind.errorOf("categoryId")}
    >
      {/* No category is chosen for the nominator: the choice matters for who is compared with whom. */}
      <SelectOption value="">{t("forms.nomination.categoryPlaceholder")}</SelectOption>
      {edition.categories.map((c) => (
        <SelectOption key={c.id} value={c.id}>
          {c.name}
        </SelectOption>
      ))}
    </SelectField>
  );
}

export function MotivationField({ bind, length }: { bind: FieldBinding; length: number }) {
  const { t } = useTranslation();
  return (
    <BoundTextareaField
      bind={bind}
      name="motivation"
      label={t("nominate.fields.motivation")}
      description={t("nominate.fields.motivationHint", { min: MOTIVATION_MIN, max: MOTIVATION_MAX })}
      counter={t("nominate.counter", { count: length, max: MOTIVATION_MAX })}
      rows={8}
    />
  );
}

export function VideoField({ bind }: { bind: FieldBinding }) {
  const { t } = useTranslation();
  return (
    <BoundTextField
      bind={bind}
      name="videoUrl"
      label={t("nominate.fields.videoUrl")}
      optionalLabel={t("fields.optional")}
      description={t("nominate.fields.videoUrlHint")}
    />
  );
}

/** The nominee's e-mail address, where they are asked for consent. */
export function NomineeEmailField({ bind, label, autoComplete }: { bind: FieldBinding; label: string; autoComplete?: string }) {
  const { t } = useTranslation();
  const hint = t("nominate.fields.emailHint");
  return <BoundTextField bind={bind} name="email" type="email" label={label} description={hint} autoComplete={autoComplete} required />;
}

/** The nominator's relation to the nominee and whether the nominee may learn who nominated them. */
export function NominatorFields({ bind }: { bind: FieldBinding }) {
  const { t } = useTranslation();
  return (
    <>
      <BoundTextField
        bind={bind}
        name="relation"
        label={t("nominate.fields.relation")}
        description={t("nominate.fields.relationHint")}
        required
      />
      <CheckboxField name="anonymous" label={t("nominate.fields.anonymous")} registration={reg(bind, "anonymous")} />
    </>
  );
}
