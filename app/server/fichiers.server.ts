import { createHash } from "node:crypto";
import { fichiers } from "@db/schema";
import { eq } from "drizzle-orm";
import type { Executor } from "./db.server";
import { Invalid } from "./errors.server";

/**
 * Uploaded files: the type is read from the bytes (never from the name or the browser's claim),
 * the size is bounded, photos are re-encoded (which drops EXIF, GPS and any hidden payload), and
 * everything is stored in the database (`fichiers`) so that every app instance serves it.
 */

export type FichierKind = "photo" | "document";

export const PHOTO_MAX_OCTETS = 5 * 1024 * 1024;
export const DOCUMENT_MAX_OCTETS = 10 * 1024 * 1024;
/**
 * The largest request body the server reads: the largest file (10 Mo) and the rest of its form.
 * A bigger request is refused (413) before anything reads its body (`refuserRequeteTropGrosse`).
 */
export const REQUETE_MAX_OCTETS = 12 * 1024 * 1024;

/** Longest side of a stored photo, in pixels. */
export const PHOTO_COTE_MAX = 800;

const PHOTO_TYPES = new Set(["image/jpeg", "image/png", "image/webp"]);
const DOCUMENT_TYPES = new Set(["application/pdf", "image/jpeg", "image/png"]);

export type FichierVerifie = { nom: string; typeMime: string; contenu: Buffer };

function mega(octets: number): string {
  return `${Math.round(octets / 1024 / 1024)} Mo`;
}

/** A file name safe to show and to put in Content-Disposition. */
export function cleanFileName(name: string, fallback: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    .replace(/[^\p{L}\p{N} ._()-]/gu, "_")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 120);
  return cleaned || fallback;
}

const PAGE_TROP_GROSSE = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Envoi trop volumineux – Promeneurs du Net</title></head>
<body><main><h1>Envoi trop volumineux</h1>
<p>Ce que vous avez envoyé dépasse ${mega(REQUETE_MAX_OCTETS)} et n'a pas été enregistré. Revenez à la page précédente et choisissez un fichier plus léger (photo : ${mega(PHOTO_MAX_OCTETS)} au plus, document : ${mega(DOCUMENT_MAX_OCTETS)} au plus).</p>
</main></body></html>
`;

/**
 * Express middleware refusing (413, a short French page) a request whose declared body exceeds
 * `REQUETE_MAX_OCTETS`, before anything reads it; the connection is closed rather than drained.
 */
export function refuserRequeteTropGrosse(
  req: { get(name: string): string | undefined },
  res: {
    status(code: number): unknown;
    set(name: string, value: string): unknown;
    type(value: string): unknown;
    send(body: string): unknown;
  },
  next: () => void,
): void {
  const declared = Number(req.get("content-length") ?? 0);
  if (!Number.isFinite(declared) || declared <= REQUETE_MAX_OCTETS) {
    next();
    return;
  }
  res.status(413);
  res.set("Connection", "close");
  res.type("html");
  res.send(PAGE_TROP_GROSSE);
}

/** The form value of a file input, or null when none was chosen. */
export function fileFrom(form: FormData, field: string): File | null {
  const value = form.get(field);
  if (!value || typeof value === "string") return null;
  if (value.size === 0 && value.name === "") return null;
  return value;
}

/**
 * Checks an upload and prepares what is stored. Throws `Invalid(field, message)` with a French
 * message for an empty, oversized, unreadable or wrongly typed file.
 */
export async function checkUpload(file: File, kind: FichierKind, field: string): Promise<FichierVerifie> {
  const max = kind === "photo" ? PHOTO_MAX_OCTETS : DOCUMENT_MAX_OCTETS;
  if (file.size === 0) throw new Invalid(field, "Le fichier est vide.");
  if (file.size > max) throw new Invalid(field, `Le fichier dépasse ${mega(max)} : choisissez un fichier plus léger.`);
  const bytes = Buffer.from(await file.arrayBuffer());
  const { fileTypeFromBuffer } = await import("file-type");
  const detected = await fileTypeFromBuffer(bytes);
  if (kind === "photo") {
    if (!detected || !PHOTO_TYPES.has(detected.mime)) {
      throw new Invalid(field, "La photo doit être une image JPEG, PNG ou WebP.");
    }
    const contenu = await reencodePhoto(bytes, field);
    return { nom: "photo.webp", typeMime: "image/webp", contenu };
  }
  if (!detected || !DOCUMENT_TYPES.has(detected.mime)) {
    throw new Invalid(field, "Le document doit être un fichier PDF, JPEG ou PNG.");
  }
  if (detected.mime === "application/pdf") {
    return { nom: cleanFileName(file.name, "document.pdf"), typeMime: detected.mime, contenu: bytes };
  }
  // A scanned page as an image: re-encoded like a photo, so that no metadata is kept.
  const sharp = (await import("sharp")).default;
  try {
    const contenu = await sharp(bytes, { limitInputPixels: 50_000_000 }).rotate().png().toBuffer();
    return {
      nom: `${cleanFileName(file.name, "document").replace(/\.[^.]*$/, "")}.png`,
      typeMime: "image/png",
      contenu,
    };
  } catch {
    throw new Invalid(field, "L'image n'a pas pu être lue : elle est peut-être abîmée.");
  }
}

/** Orients, bounds and re-encodes a photo as WebP; metadata (EXIF, GPS, ICC comments) is dropped. */
export async function reencodePhoto(bytes: Buffer, field = "photo"): Promise<Buffer> {
  return (await reencodeWebp(bytes, { width: PHOTO_COTE_MAX, height: PHOTO_COTE_MAX }, { field })).contenu;
}

/**
 * Re-encodes an image (already checked by `checkUpload`) as WebP within `box` (never enlarged;
 * `cover` crops to fill it), oriented, metadata dropped; answers the bytes and the resulting size
 * (for `width`/`height` and `srcset`). The one place images are re-encoded.
 */
export async function reencodeWebp(
  bytes: Buffer,
  box: { width: number; height?: number; fit?: "inside" | "cover" },
  options: { quality?: number; field?: string } = {},
): Promise<{ contenu: Buffer; largeur: number; hauteur: number }> {
  const sharp = (await import("sharp")).default;
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: 50_000_000 })
      .rotate()
      .resize({ ...box, fit: box.fit ?? "inside", withoutEnlargement: true })
      .webp({ quality: options.quality ?? 80 })
      .toBuffer({ resolveWithObject: true });
    return { contenu: data, largeur: info.width, hauteur: info.height };
  } catch {
    throw new Invalid(options.field ?? "image", "L'image n'a pas pu être lue : elle est peut-être abîmée.");
  }
}

/** Stores a checked file; call it inside the transaction that links it. */
export async function storeFichier(
  tx: Executor,
  fichier: FichierVerifie,
  meta: { departement: string | null; creePar: string | null },
): Promise<string> {
  const [row] = await tx
    .insert(fichiers)
    .values({
      departement: meta.departement,
      nom: fichier.nom,
      typeMime: fichier.typeMime,
      taille: fichier.contenu.length,
      sha256: createHash("sha256").update(fichier.contenu).digest("hex"),
      contenu: fichier.contenu,
      creePar: meta.creePar,
    })
    .returning({ id: fichiers.id });
  if (!row) throw new Error("insert fichiers returned nothing");
  return row.id;
}

export async function readFichier(db: Executor, id: string) {
  const [row] = await db.select().from(fichiers).where(eq(fichiers.id, id));
  return row ?? null;
}

/** The ETag of a stored file: its content hash, so it changes with the bytes. */
function etagOf(row: { sha256: string }): string {
  return `"${row.sha256.slice(0, 32)}"`;
}

const CACHE_PAR_DEFAUT = "private, no-cache";

/**
 * A 304 when the request's If-None-Match names this version of the file, else null. Needs only
 * the hash: call it before reading the bytes.
 */
export function notModifiedResponse(
  row: { sha256: string },
  options: { request?: Request | undefined; cache?: string | undefined },
): Response | null {
  const ifNoneMatch = options.request?.headers.get("If-None-Match");
  if (!ifNoneMatch) return null;
  const etag = etagOf(row);
  const tags = ifNoneMatch.split(",").map((t) => t.trim().replace(/^W\//, ""));
  if (!tags.includes(etag) && !tags.includes("*")) return null;
  return new Response(null, {
    status: 304,
    headers: { ETag: etag, "Cache-Control": options.cache ?? CACHE_PAR_DEFAUT },
  });
}

/**
 * The HTTP response for a stored file (the caller has checked who may read it). With `request`, a
 * 304 when the browser already has this version (If-None-Match).
 */
export function fichierResponse(
  row: { nom: string; typeMime: string; contenu: Buffer; sha256: string },
  options: { attachment?: boolean; cache?: string; request?: Request } = {},
): Response {
  const notModified = notModifiedResponse(row, options);
  if (notModified) return notModified;
  const disposition = options.attachment ? "attachment" : "inline";
  return new Response(new Uint8Array(row.contenu), {
    headers: {
      "Content-Type": row.typeMime,
      "Content-Length": String(row.contenu.length),
      "Content-Disposition": `${disposition}; filename*=UTF-8''${encodeURIComponent(row.nom)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": options.cache ?? CACHE_PAR_DEFAUT,
      ETag: etagOf(row),
    },
  });
}
