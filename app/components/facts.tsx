import type { ReactNode } from "react";
import { DataList, DataListItem, DataListKey, DataListValue } from "~/components/nlds";

// Facts as a definition list (NL Design System's data list): a person's account, a project's figures,
// what a fraud signal means. `FactList` takes them as rows; `Fact` is one item, for lists composed by hand.

/** One key and its value in a DataList (a fact about a person, a project or an author). */
export function Fact({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <DataListItem>
      <DataListKey>{label}</DataListKey>
      <DataListValue className={className}>{children}</DataListValue>
    </DataListItem>
  );
}

/** A label and its value; `null` or `false` leaves the row out (a fact that does not apply). */
export type FactRow = readonly [label: string, value: ReactNode];

/** Facts as one DataList, in the order given; each label appears once in a list. */
export function FactList({ facts }: { facts: ReadonlyArray<FactRow | null | false> }) {
  return (
    <DataList>
      {facts
        .filter((row): row is FactRow => Boolean(row))
        .map(([label, value]) => (
          <Fact key={label} label={label}>
            {value}
          </Fact>
        ))}
    </DataList>
  );
}
