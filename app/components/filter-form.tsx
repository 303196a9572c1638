import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { Button, Checkbox, FormField, FormLabel, Select, SelectOption, Textbox } from "~/components/nlds";

/**
 * A GET form that narrows a list (ADR 0009: forms are components). The filters stay in the URL, so a
 * filtered list can be bookmarked and shared, and it works without JavaScript.
 */
export function FilterForm({
  label,
  submit,
  action,
  primary = false,
  search = false,
  children,
}: {
  /** The form's accessible name ("Filters", "Zoeken"). */
  label: string;
  /** The button's text. */
  submit: string;
  action?: string;
  /** The page's main task is this form (a lookup page): its button is the primary one. */
  primary?: boolean;
  /** A search landmark (role="search") rather than a plain form. */
  search?: boolean;
  children: ReactNode;
}) {
  return (
    <Form method="get" action={action} className="lauwer-search" aria-label={label} role={search ? "search" : undefined}>
      {children}
      <div>
        <Button type="submit" appearance={primary ? "primary-action-button" : "secondary-action-button"}>
          {submit}
        </Button>
      </div>
    </Form>
  );
}

export interface FilterOption {
  value: string;
  label: string;
}

/** One labelled select of a FilterForm; the empty choice ("any") comes first. */
export function FilterSelect({
  id,
  name,
  label,
  options,
  any,
  defaultValue,
}: {
  id: string;
  name: string;
  label: string;
  options: readonly FilterOption[];
  /** The text of the empty choice (no filter); leave out when a value is always chosen. */
  any?: string;
  defaultValue?: string;
}) {
  return (
    <FormField type="text">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      <Select id={id} name={name} defaultValue={defaultValue ?? ""}>
        {any !== undefined ? <SelectOption value="">{any}</SelectOption> : null}
        {options.map((o) => (
          <SelectOption key={o.value} value={o.value}>
            {o.label}
          </SelectOption>
        ))}
      </Select>
    </FormField>
  );
}

/** One labelled search box of a FilterForm. */
export function FilterSearch({ id, name, label, defaultValue }: { id: string; name: string; label: string; defaultValue?: string }) {
  return (
    <FormField type="text">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      <Textbox id={id} name={name} type="search" defaultValue={defaultValue ?? ""} />
    </FormField>
  );
}

/** One checkbox of a FilterForm ("only overdue"); checked sends `value`. */
export function FilterCheckbox({
  id,
  name,
  label,
  value,
  checked,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  checked: boolean;
}) {
  return (
    <FormField type="checkbox">
      <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
        <FormLabel htmlFor={id} type="checkbox">
          <Checkbox id={id} name={name} value={value} defaultChecked={checked} /> {label}
        </FormLabel>
      </div>
    </FormField>
  );
}
