import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "react-router";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import type { NouvelleImage } from "./contenu.commands.server";
import { renderContenu } from "./contenu.queries.server";
import { type ActualiteInput, actualiteSchema } from "./contenu.schema";
import { prepareImage } from "./media.server";

export const ALT_MANQUANT = "Décrivez l'image pour les personnes qui ne la voient pas, ou cochez « image décorative ».";

/**
 * The news post form's action, once the permission is checked: 400 with the field's error for bad
 * input (nothing written), the rendered body for « Prévisualiser », else `save` (which redirects).
 */
export async function actualiteAction(
  form: FormData,
  save: (input: ActualiteInput & { nouvelleImage: NouvelleImage | null }) => Promise<Response>,
) {
  const submission = parseWithZod(form, { schema: actualiteSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), apercu: null }, { status: 400 });
  if (form.get("intent") === "apercu") {
    return { result: submission.reply(), apercu: await renderContenu(getDb(), submission.value.corps) };
  }
  try {
    const image = await prepareImage(form, "nouvelleImage");
    let nouvelleImage: NouvelleImage | null = null;
    if (image) {
      const decorative = submission.value.nouvelleImageDecorative === true;
      const alt = decorative ? "" : (submission.value.nouvelleImageAlt ?? "");
      if (!decorative && !alt) throw new Invalid("nouvelleImageAlt", ALT_MANQUANT);
      nouvelleImage = { image, alt };
    }
    return await save({ ...submission.value, nouvelleImage });
  } catch (error) {
    if (error instanceof Invalid) {
      return data(
        { result: submission.reply({ fieldErrors: { [error.field]: [error.message] } }), apercu: null },
        { status: 400 },
      );
    }
    throw error;
  }
}
