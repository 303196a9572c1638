import {
  Children,
  cloneElement,
  forwardRef,
  isValidElement,
  type ReactElement,
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

/** One icon per status, so the kind of message does not rest on colour alone (decorative: the text says it). */
const ALERT_ICON: Record<keyof typeof ALERT_ROLE, string> = {
  // i in a circle
  info: "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm1 15h-2v-6h2v6Zm0-8h-2V7h2v2Z",
  // check mark in a circle
  ok: "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm-1.2 14.2-4.3-4.3 1.4-1.4 2.9 2.9 6-6 1.4 1.4-7.4 7.4Z",
  // exclamation mark in a triangle
  warning: "M12 2 1 21h22L12 2Zm1 16h-2v-2h2v2Zm0-4h-2v-5h2v5Z",
  // cross in an octagon
  error:
    "M15.7 3H8.3L3 8.3v7.4L8.3 21h7.4l5.3-5.3V8.3L15.7 3Zm.6 11.9-1.4 1.4L12 13.4l-2.9 2.9-1.4-1.4 2.9-2.9-2.9-2.9 1.4-1.4 2.9 2.9 2.9-2.9 1.4 1.4-2.9 2.9 2.9 2.9Z",
};

/** A message box with its status icon; the message itself carries role status/alert so it is announced. */
export const Alert = forwardRef<HTMLDivElement, Props<HTMLDivElement> & { type?: keyof typeof ALERT_ROLE }>(function Alert(
  { type = "info", className, children, ...props },
  ref,
) {
  return (
    <div ref={ref} className={cx("utrecht-alert", `utrecht-alert--${type}`, className)} {...props}>
      <div className="utrecht-alert__icon" aria-hidden="true">
        <svg viewBox="0 0 24 24" focusable="false">
          <path d={ALERT_ICON[type]} />
        </svg>
      </div>
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

/** The text of a column header, for the data-label a phone shows in front of each cell. */
function labelText(node: ReactNode): string | undefined {
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(labelText).join("");
  if (isValidElement<{ children?: ReactNode }>(node)) return labelText(node.props.children);
  return undefined;
}

/** Gives each cell of a row the name of its column, as data-label (shown before the cell on a phone). */
function labelCells(row: ReactNode, labels: Array<string | undefined>): ReactNode {
  if (!isValidElement<{ children?: ReactNode }>(row)) return row;
  let column = 0;
  const cells = Children.map(row.props.children, (cell) => {
    if (!isValidElement<{ "data-label"?: string; colSpan?: number }>(cell)) return cell;
    const label = labels[column];
    column += cell.props.colSpan ?? 1;
    // Explicit roles: some browsers drop a table's semantics once its cells are display: grid.
    const role = cell.type === TableHeaderCell || cell.type === "th" ? "rowheader" : "cell";
    return cloneElement(cell as ReactElement<Record<string, unknown>>, {
      role,
      ...(label && cell.props["data-label"] === undefined ? { "data-label": label } : {}),
    });
  });
  return cloneElement(row as ReactElement<{ role?: string }>, { role: "row" }, cells);
}

/** Up to three columns fit a phone as a table; from four on, each row becomes a block there. */
const STACK_FROM_COLUMNS = 4;

/**
 * A table with one header row; rows are the children. Wide screens show a table (scrolling on its own
 * when it must); on phones a table of four or more columns shows each row as a block with the column
 * name before each cell.
 */
export function HeadedTable({ headers, children, labelledBy }: { headers: ReactNode[]; children: ReactNode; labelledBy?: string }) {
  const labels = headers.map(labelText);
  // Named by a heading, the wrapper is a region that a keyboard can reach and scroll when the table is wider than the screen.
  const region = labelledBy ? { role: "region", "aria-labelledby": labelledBy, tabIndex: 0 } : {};
  return (
    <div className="lauwer-table-wrap" {...region}>
      <Table className={headers.length >= STACK_FROM_COLUMNS ? "lauwer-table--stack" : undefined} role="table">
        <TableHeader role="rowgroup">
          <TableRow role="row">
            {headers.map((h, i) => (
              <TableHeaderCell key={i} role="columnheader">
                {h}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody role="rowgroup">{Children.map(children, (row) => labelCells(row, labels))}</TableBody>
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
