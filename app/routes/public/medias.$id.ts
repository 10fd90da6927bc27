import { serveMedia } from "~/domain/contenu/media.server";
import type { Route } from "./+types/medias.$id";

/** The large rendition of an image of the library (≤ 1 200 px wide). */
export async function loader({ request, params }: Route.LoaderArgs) {
  return serveMedia(request, params.id, "grande");
}
