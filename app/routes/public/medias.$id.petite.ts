import { serveMedia } from "~/domain/contenu/media.server";
import type { Route } from "./+types/medias.$id.petite";

/** The small rendition of an image of the library (≤ 480 px wide). */
export async function loader({ request, params }: Route.LoaderArgs) {
  return serveMedia(request, params.id, "petite");
}
