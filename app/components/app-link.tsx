import { Link, type LinkProps } from "@remix-run/react";

/** Client-side navigation with the NL Design System link style. */
export function AppLink({ className, ...props }: LinkProps) {
  return <Link className={["utrecht-link", className].filter(Boolean).join(" ")} {...props} />;
}
