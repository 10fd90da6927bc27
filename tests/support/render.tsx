import type { ComponentType, ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { createMemoryRouter, RouterProvider } from "react-router";

/** Renders a page component as the server would, inside a data router (forms need one). */
export function render(element: ReactElement): string {
  const router = createMemoryRouter([{ path: "/", element }], { initialEntries: ["/"] });
  // React separates adjacent text nodes with empty comments: drop them to read the text.
  return renderToString(<RouterProvider router={router} />).replaceAll("<!-- -->", "");
}

type PageProps = { loaderData: unknown; actionData?: unknown; params: object; matches: unknown[] };

/** A route component called with fixture data (the framework would pass the loader's). */
export function page(Component: unknown) {
  const Page = Component as ComponentType<PageProps>;
  return (loaderData: unknown, actionData?: unknown) => (
    <Page loaderData={loaderData} actionData={actionData} params={{}} matches={[]} />
  );
}
