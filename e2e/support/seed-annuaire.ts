/**
 * Adds `--nombre` public promeneurs (default 50) to the database of DATA_DIR, each with a conforming
 * Instagram profile, a presence slot and an 800 px photo stored as an upload would be (re-encoded as
 * WebP by `reencodePhoto`). For the weight test of the directory; run with tsx while no server has
 * the data directory open.
 */
import { promeneurs } from "@db/schema";
import { eq } from "drizzle-orm";
import { reencodePhoto, storeFichier } from "~/server/fichiers.server";
import { parseArgs, runCommand } from "../../scripts/cli";
import { insertCreneau, insertProfil, insertPromeneur } from "../../tests/factories/promeneur";
import { insertStructure } from "../../tests/factories/structure";
import { photoRealiste } from "./photo";

const args = parseArgs(process.argv.slice(2));
const nombre = Number(args.nombre ?? 50);
const COMMUNES = ["04112", "04070", "04209", "04019", "04088", "04049"];

await runCommand(async ({ db }) => {
  let octets = 0;
  for (let i = 1; i <= nombre; i++) {
    const structure = await insertStructure(db, {
      nom: `Espace jeunes d'essai ${i}`,
      communeCode: COMMUNES[i % COMMUNES.length] as string,
    });
    const p = await insertPromeneur(db, {
      structureId: structure.id,
      statut: "actif",
      nomPublic: `Promeneur d'essai ${String(i).padStart(2, "0")}`,
      slug: `promeneur-essai-${i}`,
    });
    await insertProfil(db, p, {
      handle: `pdn04.essai${i}`,
      url: `https://www.instagram.com/pdn04.essai${i}/`,
      derniereVerificationLe: new Date(Date.now() - 20 * 86_400_000),
      dernierResultat: "conforme",
    });
    await insertCreneau(db, p.id, { jour: 1 + (i % 7), debut: 17 * 60, fin: 19 * 60, reseaux: ["instagram"] });
    const contenu = await reencodePhoto(await photoRealiste(i));
    octets += contenu.length;
    const photoId = await storeFichier(
      db,
      { nom: "photo.webp", typeMime: "image/webp", contenu },
      { departement: "04", creePar: null },
    );
    await db.update(promeneurs).set({ photoId }).where(eq(promeneurs.id, p.id));
  }
  console.log(`${nombre} promeneurs ajoutés, photos de ${Math.round(octets / nombre / 1024)} Ko en moyenne.`);
});
