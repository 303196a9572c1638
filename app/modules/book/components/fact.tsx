import type { ReactNode } from "react";
import { DataListItem, DataListKey, DataListValue } from "~/components/nlds";

/** One key and its value in a DataList (a fact about a person, a project or an author). */
export function Fact({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <DataListItem>
      <DataListKey>{label}</DataListKey>
      <DataListValue className={className}>{children}</DataListValue>
    </DataListItem>
  );
}
