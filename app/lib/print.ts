import type { LinksFunction } from "@remix-run/node";
import printCss from "~/styles/print.css";

/** The print stylesheet (results, jury files, candidates, portraits on paper): a route exports `links = printLinks`. */
export const printLinks: LinksFunction = () => [{ rel: "stylesheet", href: printCss, media: "print" }];
