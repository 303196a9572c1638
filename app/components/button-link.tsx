import { Link, type LinkProps } from "@remix-run/react";

/**
 * A link that looks like an NL Design System button: for a page's main task ("Stem nu", "Nomineer").
 * Primary for the one task of a page, secondary for the others.
 */
export function ButtonLink({ className, appearance = "primary", ...props }: LinkProps & { appearance?: "primary" | "secondary" }) {
  return (
    <Link
      className={[
        "utrecht-button-link",
        "utrecht-button-link--html-a",
        appearance === "primary" ? "utrecht-button-link--primary-action" : "utrecht-button-link--secondary-action",
        "lauwer-button-link",
        className,
      ]
        .filter(Boolean)
        .join(" ")}
      {...props}
    />
  );
}
