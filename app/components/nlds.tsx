import {
  forwardRef,
  type HTMLAttributes,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";

// NL Design System components (Utrecht's CSS components, from @utrecht/component-library-css).
// Interactive form parts come from Utrecht's per-component React packages. The rest are the same
// thin markup Utrecht's React library renders, written here because that library ships as one
// module that cannot be tree-shaken and would put ~58 KB gzip on every page (docs/decisions/0003).
export { Button } from "@utrecht/button-react";
export { FormField } from "@utrecht/form-field-react";
export { FormFieldDescription } from "@utrecht/form-field-description-react";
export { FormFieldErrorMessage } from "@utrecht/form-field-error-message-react";
export { FormLabel } from "@utrecht/form-label-react";
export { Textbox } from "@utrecht/textbox-react";

const cx = (...names: Array<string | false | undefined>) => names.filter(Boolean).join(" ");

type Props<T = HTMLElement> = HTMLAttributes<T> & { children?: ReactNode };

export function Heading1({ className, ...props }: Props<HTMLHeadingElement>) {
  return <h1 className={cx("utrecht-heading-1", className)} {...props} />;
}

export function Heading2({ className, ...props }: Props<HTMLHeadingElement>) {
  return <h2 className={cx("utrecht-heading-2", className)} {...props} />;
}

export function Paragraph({ className, lead, ...props }: Props<HTMLParagraphElement> & { lead?: boolean }) {
  return <p className={cx("utrecht-paragraph", lead && "utrecht-paragraph--lead", className)} {...props} />;
}

export function SkipLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} className="utrecht-skip-link utrecht-skip-link--visible-on-focus">
      {children}
    </a>
  );
}

const ALERT_ROLE = { info: "status", ok: "status", warning: "alert", error: "alert" } as const;

/** A message box; the message itself carries role status/alert so it is announced. */
export const Alert = forwardRef<HTMLDivElement, Props<HTMLDivElement> & { type?: keyof typeof ALERT_ROLE }>(function Alert(
  { type = "info", className, children, ...props },
  ref,
) {
  return (
    <div ref={ref} className={cx("utrecht-alert", `utrecht-alert--${type}`, className)} {...props}>
      <div className="utrecht-alert__content">
        <div className="utrecht-alert__message" role={ALERT_ROLE[type]}>
          {children}
        </div>
      </div>
    </div>
  );
});

export function DataList({ className, ...props }: Props<HTMLDListElement>) {
  return <dl className={cx("utrecht-data-list", "utrecht-data-list--html-dl", className)} {...props} />;
}
export function DataListItem({ className, ...props }: Props<HTMLDivElement>) {
  return <div className={cx("utrecht-data-list__item", className)} {...props} />;
}
export function DataListKey({ className, ...props }: Props) {
  return <dt className={cx("utrecht-data-list__item-key", className)} {...props} />;
}
export function DataListValue({ className, ...props }: Props) {
  return <dd className={cx("utrecht-data-list__item-value", "utrecht-data-list__item-value--html-dd", className)} {...props} />;
}

export function Table({ className, ...props }: Props<HTMLTableElement>) {
  return <table className={cx("utrecht-table", className)} {...props} />;
}
export function TableHeader({ className, ...props }: Props<HTMLTableSectionElement>) {
  return <thead className={cx("utrecht-table__header", className)} {...props} />;
}
export function TableBody({ className, ...props }: Props<HTMLTableSectionElement>) {
  return <tbody className={cx("utrecht-table__body", className)} {...props} />;
}
export function TableRow({ className, ...props }: Props<HTMLTableRowElement>) {
  return <tr className={cx("utrecht-table__row", className)} {...props} />;
}
export function TableHeaderCell({ className, scope = "col", ...props }: Props<HTMLTableCellElement> & { scope?: "col" | "row" }) {
  return <th scope={scope} className={cx("utrecht-table__header-cell", className)} {...props} />;
}
export function TableCell({ className, ...props }: Props<HTMLTableCellElement>) {
  return <td className={cx("utrecht-table__cell", className)} {...props} />;
}

export const Select = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement> & { invalid?: boolean }>(function Select(
  { className, invalid, ...props },
  ref,
) {
  return (
    <select
      ref={ref}
      aria-invalid={invalid || undefined}
      className={cx("utrecht-select", "utrecht-select--html-select", invalid && "utrecht-select--invalid", className)}
      {...props}
    />
  );
});

export function SelectOption({ className, ...props }: React.OptionHTMLAttributes<HTMLOptionElement>) {
  return <option className={cx("utrecht-select__option", className)} {...props} />;
}

export function UnorderedList({ className, ...props }: Props<HTMLUListElement>) {
  return <ul className={cx("utrecht-unordered-list", className)} {...props} />;
}
export function UnorderedListItem({ className, ...props }: Props<HTMLLIElement>) {
  return <li className={cx("utrecht-unordered-list__item", className)} {...props} />;
}

/** A scrollable table with one header row; rows are the children. */
export function HeadedTable({ headers, children }: { headers: ReactNode[]; children: ReactNode }) {
  return (
    <div className="lauwer-table-wrap">
      <Table>
        <TableHeader>
          <TableRow>
            {headers.map((h, i) => (
              <TableHeaderCell key={i}>{h}</TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>{children}</TableBody>
      </Table>
    </div>
  );
}

export const Textarea = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement> & { invalid?: boolean }>(
  function Textarea({ className, invalid, ...props }, ref) {
    return (
      <textarea
        ref={ref}
        aria-invalid={invalid || undefined}
        className={cx("utrecht-textarea", "utrecht-textarea--html-textarea", invalid && "utrecht-textarea--invalid", className)}
        {...props}
      />
    );
  },
);

export const Checkbox = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(function Checkbox(
  { className, ...props },
  ref,
) {
  return <input ref={ref} type="checkbox" className={cx("utrecht-checkbox", "utrecht-checkbox--html-input", className)} {...props} />;
});
