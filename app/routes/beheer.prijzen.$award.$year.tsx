import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { EditionMenu, type EditionMenuData } from "~/modules/awards/components/edition-menu";
import { requireEditionOrganizer } from "~/modules/awards/guard.server";

/** Every organizer page of an edition sits under its menu; only the edition's organizers get here. */
export async function loader({ request, context, params }: LoaderFunctionArgs): Promise<{ menu: EditionMenuData }> {
  const { edition } = await requireEditionOrganizer(request, context, params);
  return {
    menu: {
      name: edition.name,
      base: `/beheer/prijzen/${edition.awardSlug}/${edition.year}`,
      awardBase: `/beheer/prijzen/${edition.awardSlug}`,
      rounds: edition.rounds.map((r) => ({ position: r.position, kind: r.kind, name: r.name })),
    },
  };
}

export default function EditionAdminLayout() {
  const { menu } = useLoaderData<typeof loader>();
  return (
    <>
      <EditionMenu data={menu} />
      <Outlet />
    </>
  );
}
