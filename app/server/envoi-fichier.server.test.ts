import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { RouterContextProvider } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestInfoContext } from "./context.server";
import { lireChampEnTete, lireEnvoi } from "./envoi-fichier.server";
import { rootMiddleware } from "./root-middleware.server";
import { StockageDisque } from "./stockage.server";

const CSRF = "t".repeat(43);
let dossier: string;
let stockage: StockageDisque;

beforeAll(async () => {
  dossier = await fs.mkdtemp(path.join(os.tmpdir(), "pdn-envoi-"));
  stockage = new StockageDisque(dossier);
});

afterAll(async () => {
  await fs.rm(dossier, { recursive: true, force: true });
});

async function fichiersStockes(): Promise<string[]> {
  const entrees = await fs.readdir(dossier, { recursive: true, withFileTypes: true });
  return entrees.filter((e) => e.isFile()).map((e) => e.name);
}

type Partie = [string, string] | [string, { nom: string; octets: Uint8Array }];

function formulaire(parties: Partie[]): Request {
  const form = new FormData();
  for (const [nom, valeur] of parties) {
    if (typeof valeur === "string") form.append(nom, valeur);
    else form.append(nom, new File([new Uint8Array(valeur.octets)], valeur.nom));
  }
  return new Request("http://localhost:3000/envoi", {
    method: "POST",
    body: form,
    headers: { cookie: `pdn_csrf=${CSRF}` },
  });
}

/**
 * A multipart body produced as it is read: the fields, then a file of `taille` bytes, in 256 Kio
 * chunks, without Content-Length. `genere()` tells how many file bytes were asked for so far.
 */
function enFlux(champs: [string, string][], taille: number) {
  const frontiere = "----pdnFlux";
  const tete = `${champs
    .map(([n, v]) => `--${frontiere}\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n${v}\r\n`)
    .join("")}--${frontiere}\r\nContent-Disposition: form-data; name="fichier"; filename="gros.bin"\r\n\r\n`;
  let genere = 0;
  const morceau = new Uint8Array(256 * 1024).fill(0x41);
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(new TextEncoder().encode(tete));
    },
    pull(c) {
      if (genere >= taille) {
        c.enqueue(new TextEncoder().encode(`\r\n--${frontiere}--\r\n`));
        c.close();
        return;
      }
      c.enqueue(morceau);
      genere += morceau.length;
    },
  });
  const request = new Request("http://localhost:3000/envoi", {
    method: "POST",
    body,
    duplex: "half",
    headers: { "content-type": `multipart/form-data; boundary=${frontiere}`, cookie: `pdn_csrf=${CSRF}` },
  } as RequestInit);
  return { request, genere: () => genere };
}

async function passeLeMiddleware(request: Request): Promise<number> {
  const context = new RouterContextProvider();
  context.set(requestInfoContext, { requestId: "test", ip: "192.0.2.1", nonce: "" });
  try {
    const response = (await rootMiddleware({ request, context, params: {} } as never, async () => {
      return new Response(null, { status: 204 });
    })) as Response;
    return response.status;
  } catch (refus) {
    return (refus as { init?: { status?: number } }).init?.status ?? 500;
  }
}

describe("le jeton CSRF d'un formulaire multipart", () => {
  it("se lit en tête du corps sans le consommer : l'action le lit ensuite en entier", async () => {
    const request = formulaire([
      ["_csrf", CSRF],
      ["document", "dossier"],
      ["fichier", { nom: "a.pdf", octets: new TextEncoder().encode("%PDF-1.4 contenu") }],
    ]);
    expect(await lireChampEnTete(request, "_csrf")).toBe(CSRF);
    const form = await request.formData();
    expect(form.get("document")).toBe("dossier");
    expect(await (form.get("fichier") as File).text()).toBe("%PDF-1.4 contenu");
  });

  it("laisse passer le bon jeton, refuse un mauvais ou un jeton venu après 64 Kio (403)", async () => {
    const bon = formulaire([["_csrf", CSRF]]);
    expect(await passeLeMiddleware(bon)).toBe(204);
    expect(await passeLeMiddleware(formulaire([["_csrf", "x".repeat(43)]]))).toBe(403);
    const tard = formulaire([
      ["notes", "n".repeat(70 * 1024)],
      ["_csrf", CSRF],
    ]);
    expect(await passeLeMiddleware(tard)).toBe(403);
  });

  it("ne lit que le début d'un envoi de 30 Mo", async () => {
    const { request, genere } = enFlux([["_csrf", CSRF]], 30 * 1024 * 1024);
    expect(await passeLeMiddleware(request)).toBe(204);
    expect(genere()).toBeLessThan(1024 * 1024);
  });
});

describe("la lecture en flux d'un envoi", () => {
  it("écrit le fichier sur le stockage et rend les champs", async () => {
    const request = formulaire([
      ["document", "dossier"],
      ["fichier", { nom: "Dossier.pdf", octets: new TextEncoder().encode("%PDF-1.4 contenu") }],
    ]);
    const lu = await lireEnvoi(request, { champFichier: "fichier", maxOctets: () => 1000, stockage });
    if (!lu.ok || !lu.fichier) throw new Error("envoi refusé");
    expect(lu.champs).toEqual({ document: "dossier" });
    expect(lu.fichier.nom).toBe("Dossier.pdf");
    expect(lu.fichier.ecriture.taille).toBe(16);
    await stockage.supprimer(lu.fichier.ecriture.cle);
  });

  it("s'arrête au-delà de la limite du document, sans rien laisser ni tout lire", async () => {
    const avant = await fichiersStockes();
    const { request, genere } = enFlux([["document", "dossier"]], 30 * 1024 * 1024);
    const lu = await lireEnvoi(request, {
      champFichier: "fichier",
      maxOctets: (champs) => (champs.document === "dossier" ? 10 * 1024 * 1024 : null),
      stockage,
    });
    expect(lu).toMatchObject({ ok: false, raison: "trop_gros", maxOctets: 10 * 1024 * 1024 });
    expect(lu.octetsLus).toBeLessThan(11 * 1024 * 1024);
    expect(genere()).toBeLessThan(12 * 1024 * 1024);
    expect(await fichiersStockes()).toEqual(avant);
  });

  it("refuse un fichier venu avant les champs qui disent ce qu'il est", async () => {
    const request = formulaire([
      ["fichier", { nom: "a.pdf", octets: new TextEncoder().encode("%PDF") }],
      ["document", "dossier"],
    ]);
    const lu = await lireEnvoi(request, {
      champFichier: "fichier",
      maxOctets: (champs) => (champs.document ? 1000 : null),
      stockage,
    });
    expect(lu).toMatchObject({ ok: false, raison: "non_attendu" });
    expect(await fichiersStockes()).toEqual([]);
  });

  it("rend « pas de fichier » pour un champ de fichier laissé vide, et refuse un corps mal formé", async () => {
    const vide = formulaire([
      ["document", "dossier"],
      ["fichier", { nom: "", octets: new Uint8Array(0) }],
    ]);
    const lu = await lireEnvoi(vide, { champFichier: "fichier", maxOctets: () => 1000, stockage });
    expect(lu).toMatchObject({ ok: true, fichier: null });
    const casse = new Request("http://localhost:3000/envoi", {
      method: "POST",
      body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nsans fin',
      headers: { "content-type": "multipart/form-data; boundary=x" },
    });
    expect(await lireEnvoi(casse, { champFichier: "fichier", maxOctets: () => 1000, stockage })).toMatchObject({
      ok: false,
      raison: "illisible",
    });
    expect(await fichiersStockes()).toEqual([]);
  });
});
