/**
 * Multipart requests read as a stream (issue 9, docs/decisions/010-stockage-des-pieces-de-candidature.md):
 * the fields, then one file written straight to the file storage as its bytes arrive, never held
 * whole in memory. The file's size limit is chosen from the fields sent before it (the document it
 * is for); past it the storage stops and removes what it wrote, and the request is read no further
 * (the answer closes the connection rather than draining what the browser still sends).
 *
 * Also the bounded read of one field at the head of a multipart body (the CSRF token, which every
 * form sends first), for the root middleware.
 */
import busboy, { type Busboy } from "busboy";
import { type EcritureReussie, getStockage, type StockageFichiers } from "./stockage.server";

/** The largest field value read (a project text of 20 000 characters fits). */
const CHAMP_MAX_OCTETS = 256 * 1024;

export type FichierRecu = {
  /** The name the browser gave (not cleaned: the caller cleans it before showing or storing it). */
  nom: string;
  ecriture: EcritureReussie;
};

export type EnvoiLu = {
  ok: true;
  champs: Record<string, string>;
  /** Null when the file input was left empty. */
  fichier: FichierRecu | null;
  octetsLus: number;
};

export type EnvoiRefuse = {
  ok: false;
  /**
   * `trop_gros`: the file passed its limit (nothing kept); `non_attendu`: a file came before the
   * fields saying what it is, or for an unknown document, or a second file; `illisible`: not a
   * well-formed multipart body (or a field too long).
   */
  raison: "trop_gros" | "non_attendu" | "illisible";
  champs: Record<string, string>;
  /** The limit the file passed (`trop_gros`). */
  maxOctets: number | null;
  octetsLus: number;
};

export function isMultipart(request: Request): boolean {
  return /^multipart\/form-data\b/i.test(request.headers.get("content-type") ?? "");
}

function creerBusboy(request: Request, limits: busboy.Limits): Busboy | null {
  try {
    return busboy({
      headers: { "content-type": request.headers.get("content-type") ?? "" },
      defParamCharset: "utf8",
      limits,
    });
  } catch {
    return null;
  }
}

/**
 * Reads a multipart request: its fields and at most one file, from the input `champFichier`,
 * streamed to the storage under the limit `maxOctets(champs)` gives from the fields read before
 * the file (null refuses the file). Whatever the outcome, nothing is left on the storage unless
 * the answer is `ok` with a file (the caller then owns its key).
 */
export async function lireEnvoi(
  request: Request,
  options: {
    champFichier: string;
    maxOctets: (champs: Readonly<Record<string, string>>) => number | null;
    stockage?: StockageFichiers;
  },
): Promise<EnvoiLu | EnvoiRefuse> {
  const stockage = options.stockage ?? getStockage();
  const champs: Record<string, string> = Object.create(null);
  let octetsLus = 0;
  const refuser = (raison: EnvoiRefuse["raison"], maxOctets: number | null = null): EnvoiRefuse => ({
    ok: false,
    raison,
    champs: { ...champs },
    maxOctets,
    octetsLus,
  });
  if (!request.body || !isMultipart(request)) return refuser("illisible");
  const bb = creerBusboy(request, {
    fieldNameSize: 100,
    fieldSize: CHAMP_MAX_OCTETS,
    fields: 100,
    files: 1,
    parts: 110,
    headerPairs: 20,
  });
  if (!bb) return refuser("illisible");

  let refus: EnvoiRefuse | null = null;
  let fichier: FichierRecu | null = null;
  let ecriture: Promise<void> | null = null;
  let arrete = false;
  let signalerArret: () => void = () => {};
  const arret = new Promise<void>((resolve) => {
    signalerArret = resolve;
  });
  /** Stops reading the request: the parser is dropped (an unfinished file stream errors). */
  const arreter = (raison: EnvoiRefuse["raison"], maxOctets: number | null = null) => {
    refus ??= refuser(raison, maxOctets);
    if (arrete) return;
    arrete = true;
    bb.destroy();
    signalerArret();
  };

  bb.on("field", (nom, valeur, info) => {
    if (info.nameTruncated || info.valueTruncated) arreter("illisible");
    else champs[nom] = valeur;
  });
  bb.on("file", (nom, flux, info) => {
    // Stopping the parser destroys an unfinished file stream with an error: it is the refusal's.
    flux.on("error", () => {});
    const max = nom === options.champFichier && !ecriture ? options.maxOctets({ ...champs }) : null;
    if (max === null) {
      flux.resume();
      arreter("non_attendu");
      return;
    }
    ecriture = stockage.ecrire(flux, { maxOctets: max }).then(
      async (resultat) => {
        if (!resultat.ok) {
          arreter("trop_gros", max);
          return;
        }
        // An empty file input still sends an empty part: no file was chosen.
        if (resultat.taille === 0 && !info.filename) {
          await stockage.supprimer(resultat.cle);
          return;
        }
        fichier = { nom: info.filename ?? "", ecriture: resultat };
      },
      () => arreter("illisible"),
    );
  });
  bb.on("filesLimit", () => arreter("non_attendu"));
  bb.on("error", () => arreter("illisible"));
  const fini = new Promise<void>((resolve) => {
    bb.on("close", resolve);
    void arret.then(resolve);
  });

  const reader = request.body.getReader();
  const pomper = async () => {
    try {
      while (!arrete) {
        const { done, value } = await reader.read();
        if (arrete) break;
        if (done) {
          bb.end();
          break;
        }
        octetsLus += value.byteLength;
        if (!bb.write(value)) {
          await Promise.race([new Promise<void>((resolve) => bb.once("drain", resolve)), arret]);
        }
      }
    } catch {
      arreter("illisible");
    }
    // On a refusal the rest of the body is not read (nor cancelled: that would reset the
    // connection before the answer); the answer closes the connection.
  };
  void pomper();

  await fini;
  await ecriture;
  if (refus || arrete) {
    const recu = fichier as FichierRecu | null;
    if (recu) await stockage.supprimer(recu.ecriture.cle);
    return refus ?? refuser("illisible");
  }
  return { ok: true, champs: { ...champs }, fichier, octetsLus };
}

/**
 * The value of field `nom` when it comes within the first `maxOctets` of a multipart body (read on
 * a clone, which is then cancelled: the original body stays whole for the action), else null.
 */
export async function lireChampEnTete(request: Request, nom: string, maxOctets = 64 * 1024): Promise<string | null> {
  if (!request.body || !isMultipart(request)) return null;
  const clone = request.clone();
  if (!clone.body) return null;
  const bb = creerBusboy(clone, { fieldNameSize: 100, fieldSize: 1024, fields: 20, parts: 40, headerPairs: 20 });
  if (!bb) return null;
  let valeur: string | null = null;
  let fin = false;
  bb.on("field", (n, v) => {
    if (n === nom && valeur === null) valeur = v;
  });
  bb.on("file", (_n, flux) => {
    flux.on("error", () => {});
    flux.resume();
  });
  bb.on("error", () => {
    fin = true;
  });
  const reader = clone.body.getReader();
  let lus = 0;
  try {
    while (valeur === null && !fin && lus < maxOctets) {
      const { done, value } = await reader.read();
      if (done) {
        bb.end();
        // The parser emits the last fields as it ends.
        await new Promise((resolve) => setImmediate(resolve));
        break;
      }
      const part = value.subarray(0, maxOctets - lus);
      lus += part.byteLength;
      bb.write(part);
    }
  } catch {
    // An interrupted body has no token.
  } finally {
    bb.destroy();
    // Not awaited: a branch of a tee settles its cancel only once the other branch (the body the
    // action reads) is cancelled too.
    void reader.cancel().catch(() => {});
  }
  return valeur;
}
