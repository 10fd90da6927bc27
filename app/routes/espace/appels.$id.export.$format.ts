// Placeholder until the download is built (issue 9).
export function loader(): Response {
  return new Response("Introuvable", { status: 404 });
}
