import type { EditionView } from "../edition.server";

/** What the edition layout route (`/prijzen/:award/:year`) loads for itself and its child pages. */
export interface EditionLayoutData {
  edition: EditionView & {
    /** Whether the edition's results are published. */
    resultsPublished: boolean;
    /** Years of the award's other editions with published results, newest first. */
    earlierResults: number[];
  };
}
