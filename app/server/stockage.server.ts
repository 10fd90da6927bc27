/**
 * Where the applications' uploaded documents live (issue 9): behind an interface, so that the local
 * disk of today can become an S3-compatible store later without touching the callers. The bytes go
 * under a random key (never the file's name), outside any directory the web server serves; only
 * the routes that check who may read a document stream it, as a download, never executed.
 *
 * A write is bounded while it streams: past `maxOctets` it stops, removes what it wrote and says
 * so, so that an oversized upload never fills the disk.
 */
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { getEnv } from "./env.server";
import { cleanFileName } from "./fichiers.server";

export type EcritureReussie = {
  ok: true;
  cle: string;
  taille: number;
  sha256: string;
  /** The first bytes (up to 64 Kio), for reading the type. */
  entete: Buffer;
};
export type EcritureRefusee = { ok: false; raison: "trop_gros"; octetsLus: number };

export interface StockageFichiers {
  /** Writes a stream under a new random key; refuses (and leaves nothing) past `maxOctets`. */
  ecrire(flux: AsyncIterable<Uint8Array>, options: { maxOctets: number }): Promise<EcritureReussie | EcritureRefusee>;
  /** The stored bytes as a stream, or null when the key holds nothing. */
  lire(cle: string): Promise<Readable | null>;
  /** Removes the bytes of a key (nothing when already gone). */
  supprimer(cle: string): Promise<void>;
  /** The full path on disk, for readers that need a file (type detection); null on remote stores. */
  cheminLocal(cle: string): string | null;
}

const FORMAT_CLE = /^[0-9a-f]{64}$/;
const ENTETE_OCTETS = 64 * 1024;

/** A store on the local disk: `<racine>/<2 first hex>/<64 hex>`, files readable by the server only. */
export class StockageDisque implements StockageFichiers {
  constructor(readonly racine: string) {}

  private chemin(cle: string): string {
    if (!FORMAT_CLE.test(cle)) throw new Error(`clé de stockage invalide : ${cle.slice(0, 80)}`);
    return path.join(this.racine, cle.slice(0, 2), cle);
  }

  cheminLocal(cle: string): string {
    return this.chemin(cle);
  }

  async ecrire(
    flux: AsyncIterable<Uint8Array>,
    { maxOctets }: { maxOctets: number },
  ): Promise<EcritureReussie | EcritureRefusee> {
    const cle = randomBytes(32).toString("hex");
    const final = this.chemin(cle);
    await mkdir(path.dirname(final), { recursive: true, mode: 0o700 });
    const partiel = `${final}.part`;
    const sortie = createWriteStream(partiel, { flags: "wx", mode: 0o600 });
    const hash = createHash("sha256");
    const morceaux: Buffer[] = [];
    let entete = 0;
    let taille = 0;
    const attendreVidage = () => new Promise<void>((resolve) => sortie.once("drain", resolve));
    const fermer = () =>
      new Promise<void>((resolve, reject) => {
        sortie.once("error", reject);
        sortie.end(() => resolve());
      });
    try {
      for await (const morceau of flux) {
        taille += morceau.byteLength;
        if (taille > maxOctets) {
          sortie.destroy();
          await rm(partiel, { force: true });
          return { ok: false, raison: "trop_gros", octetsLus: taille };
        }
        const buffer = Buffer.from(morceau.buffer, morceau.byteOffset, morceau.byteLength);
        hash.update(buffer);
        if (entete < ENTETE_OCTETS) {
          const part = buffer.subarray(0, ENTETE_OCTETS - entete);
          morceaux.push(Buffer.from(part));
          entete += part.byteLength;
        }
        if (!sortie.write(buffer)) await attendreVidage();
      }
      await fermer();
      await rename(partiel, final);
    } catch (error) {
      sortie.destroy();
      await rm(partiel, { force: true });
      throw error;
    }
    return { ok: true, cle, taille, sha256: hash.digest("hex"), entete: Buffer.concat(morceaux) };
  }

  async lire(cle: string): Promise<Readable | null> {
    const chemin = this.chemin(cle);
    try {
      await stat(chemin);
    } catch {
      return null;
    }
    return createReadStream(chemin);
  }

  async supprimer(cle: string): Promise<void> {
    await rm(this.chemin(cle), { force: true });
  }
}

let stockage: StockageFichiers | undefined;

/** The deployment's store: `<DATA_DIR>/candidatures` on the local disk. */
export function getStockage(): StockageFichiers {
  stockage ??= new StockageDisque(path.join(getEnv().dataDir, "candidatures"));
  return stockage;
}

/** For tests (a temporary directory) and, later, another kind of store. */
export function setStockage(value: StockageFichiers | undefined): void {
  stockage = value;
}

/**
 * A stored file as a download, streamed: never shown inline, never sniffed, sandboxed, not cached;
 * null when its bytes are gone. The caller has checked who may read it.
 */
export async function telechargementStocke(piece: {
  cle: string;
  nom: string;
  typeMime: string;
  taille: number;
}): Promise<Response | null> {
  const flux = await getStockage().lire(piece.cle);
  if (!flux) return null;
  const nom = cleanFileName(piece.nom, "document");
  return new Response(Readable.toWeb(flux) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": piece.typeMime,
      "Content-Length": String(piece.taille),
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(nom)}`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
