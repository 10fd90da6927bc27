import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { appels, candidaturePieces, candidatures } from "@db/schema";
import { eq } from "drizzle-orm";
import { RouterContextProvider } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCandidatureDuCandidat } from "~/domain/appels/candidature.queries.server";
import { INTENTS } from "~/domain/appels/candidature.schema";
import { requestInfoContext } from "~/server/context.server";
import { getDb } from "~/server/db.server";
import { findOutboxMails } from "~/server/mail.server";
import { rootMiddleware } from "~/server/root-middleware.server";
import { StockageDisque, setStockage } from "~/server/stockage.server";
import { insertAppelPublie, insertCandidatConnecte, PDF_ESSAI, TEXTE_ESSAI } from "../../../tests/factories/candidat";
import { page, render } from "../../../tests/support/render";
import { contextFor, getRequest, type Outcome, outcome, postRequest } from "../../../tests/support/route";
import * as liste from "./appels";
import * as detail from "./appels.$slug";
import * as candidaturePage from "./appels.$slug.candidature";
import * as piecePage from "./appels.$slug.candidature.pieces.$pieceId";
import * as connexion from "./appels.connexion.$jeton";

type Handler = (args: never) => unknown;
const appeler = (handler: Handler, request: Request, params: Record<string, string> = {}) =>
  outcome(() => handler({ request, context: contextFor(null), params } as never));

const CSRF = "c".repeat(43);
let dossier: string;
let appel: Awaited<ReturnType<typeof insertAppelPublie>>;

beforeAll(async () => {
  dossier = await fs.mkdtemp(path.join(os.tmpdir(), "pdn-pieces-route-"));
  setStockage(new StockageDisque(dossier));
  appel = await insertAppelPublie(getDb());
});

afterAll(async () => {
  setStockage(undefined);
  await fs.rm(dossier, { recursive: true, force: true });
});

async function fichiersStockes(): Promise<string[]> {
  const entrees = await fs.readdir(dossier, { recursive: true, withFileTypes: true });
  return entrees.filter((e) => e.isFile()).map((e) => e.name);
}

const adresse = (suite = "") => `/appels/${appel.slug}${suite}`;

function avecCookie(request: Request, cookie: string): Request {
  request.headers.set("cookie", cookie);
  return request;
}

/** A multipart form as a browser sends it (the CSRF field first, the file last). */
function envoi(cookie: string, champs: Record<string, string>, fichier: { nom: string; octets: Buffer }) {
  const form = new FormData();
  form.append("_csrf", CSRF);
  for (const [nom, valeur] of Object.entries(champs)) form.append(nom, valeur);
  form.append("fichier", new File([new Uint8Array(fichier.octets)], fichier.nom, { type: "application/pdf" }));
  return new Request(`http://localhost:3000${adresse("/candidature")}`, {
    method: "POST",
    body: form,
    headers: { cookie: `pdn_csrf=${CSRF}; ${cookie}` },
  });
}

/** Runs the root middleware (CSRF), then the action, as the server would. */
async function viaMiddleware(request: Request, handler: Handler, params: Record<string, string>): Promise<Outcome> {
  const context = new RouterContextProvider();
  context.set(requestInfoContext, { requestId: "test", ip: "192.0.2.1", nonce: "" });
  let resultat: Outcome | null = null;
  try {
    await rootMiddleware({ request, context, params } as never, async () => {
      resultat = await outcome(() => handler({ request, context, params } as never));
      return new Response(null, { status: 204 });
    });
  } catch (refus) {
    return outcome(() => {
      throw refus;
    });
  }
  if (!resultat) throw new Error("l'action n'a pas été appelée");
  return resultat;
}

/** Sends a file for the document `dossier` of the application read at `version`, through the middleware. */
function envoyerDossier(cookie: string, version: number, fichier: { nom: string; octets: Buffer }) {
  return viaMiddleware(
    envoi(cookie, { intent: INTENTS.ajouterPiece, version: String(version), document: "dossier" }, fichier),
    candidaturePage.action,
    { slug: appel.slug },
  );
}

async function brouillon() {
  const candidat = await insertCandidatConnecte(getDb());
  const ouvert = await appeler(
    candidaturePage.loader,
    avecCookie(getRequest(adresse("/candidature")), candidat.cookie),
    { slug: appel.slug },
  );
  expect(ouvert.status).toBe(200);
  const lue = await getCandidatureDuCandidat(getDb(), candidat.candidat.id, appel.id);
  if (!lue) throw new Error("pas de brouillon");
  return { ...candidat, candidature: lue.candidature };
}

describe("les pages publiques des appels", () => {
  it("listent l'appel publié ouvert, pas un appel non publié", async () => {
    const cache = await insertAppelPublie(getDb(), { publie: false });
    const { data } = await appeler(liste.loader, getRequest("/appels"));
    const { ouverts } = data as Awaited<ReturnType<typeof liste.loader>>;
    expect(ouverts.map((a) => a.slug)).toContain(appel.slug);
    expect(ouverts.map((a) => a.slug)).not.toContain(cache.slug);
    expect((await appeler(detail.loader, getRequest(`/appels/${cache.slug}`), { slug: cache.slug })).status).toBe(404);
  });

  it("montrent l'appel (texte assaini, calendrier, documents) et le formulaire d'e-mail, sans JavaScript", async () => {
    const { status, data } = await appeler(detail.loader, getRequest(adresse()), { slug: appel.slug });
    expect(status).toBe(200);
    const donnees = data as { html: string; etat: string };
    expect(donnees.etat).toBe("ouvert");
    expect(donnees.html).toContain("<strong>pour les essais</strong>");
    expect(donnees.html).not.toContain("<script");
    const html = render(page(detail.default)(data));
    expect(html.match(/<h1/g)).toHaveLength(1);
    expect(html).not.toContain("<script");
    expect(html).toContain("Dossier de candidature</strong> (obligatoire)");
    expect(html).toContain("10\u00a0Mo au plus");
    expect(html).toMatch(/<form[^>]*method="post"/);
    expect(html).toContain('name="email"');
    expect(html).toContain("(condition éliminatoire)");
  });

  it("refusent une adresse mal formée (400, message près du champ) et envoient un lien pour une bonne", async () => {
    const mauvais = await appeler(detail.action, postRequest(adresse(), { email: "pas-une-adresse" }), {
      slug: appel.slug,
    });
    expect(mauvais.status).toBe(400);
    const html = render(
      page(detail.default)(
        (await appeler(detail.loader, getRequest(adresse()), { slug: appel.slug })).data,
        mauvais.data,
      ),
    );
    expect(html).toMatch(/aria-invalid="true"/);
    expect(html).toContain("Saisissez une adresse e-mail valide");

    const email = `route-${Date.now()}@structure.example`;
    const bon = await appeler(detail.action, postRequest(adresse(), { email }), { slug: appel.slug });
    expect(bon.status).toBe(302);
    expect(bon.location).toBe(`${adresse()}#candidater`);
    const mails = (await findOutboxMails(1000)).filter((m) => m.to === email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toMatch(/\/appels\/connexion\/[\w-]{43}/);
  });

  it("le lien ouvre une session candidat (cookie à part) une seule fois ; un lien usé dit comment en obtenir un autre", async () => {
    const email = `lien-${Date.now()}@structure.example`;
    await appeler(detail.action, postRequest(adresse(), { email }), { slug: appel.slug });
    const mail = (await findOutboxMails(1000)).find((m) => m.to === email);
    const jeton = /\/appels\/connexion\/([\w-]{43})/.exec(mail?.text ?? "")?.[1] as string;

    const vue = await appeler(connexion.loader, getRequest(`/appels/connexion/${jeton}`), { jeton });
    expect(vue.data).toMatchObject({ etat: "valide", email });
    // Ouvrir la page ne consomme pas le lien (un antivirus de messagerie l'ouvre parfois).
    expect((await appeler(connexion.loader, getRequest(`/appels/connexion/${jeton}`), { jeton })).data).toMatchObject({
      etat: "valide",
    });

    const premier = await appeler(connexion.action, postRequest(`/appels/connexion/${jeton}`, {}), { jeton });
    expect(premier.status).toBe(302);
    expect(premier.location).toBe(adresse("/candidature"));
    const cookie = premier.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/^pdn_candidat=[\w-]{43}; Path=\/; SameSite=Lax; HttpOnly; Max-Age=86400$/);

    const second = await appeler(connexion.action, postRequest(`/appels/connexion/${jeton}`, {}), { jeton });
    expect(second.status).toBe(410);
    const html = render(page(connexion.default)(vue.data, second.data));
    expect(html).toContain("Ce lien a déjà servi");
    expect(html).toContain(`href="${adresse()}#candidater"`);

    // La session candidat ouvre la candidature, pas l'espace du personnel.
    const session = cookie.split(";")[0] as string;
    const page200 = await appeler(candidaturePage.loader, avecCookie(getRequest(adresse("/candidature")), session), {
      slug: appel.slug,
    });
    expect(page200.status).toBe(200);
  });
});

describe("la candidature", () => {
  it("sans session, renvoie vers la page de l'appel pour demander un lien", async () => {
    const r = await appeler(candidaturePage.loader, getRequest(adresse("/candidature")), { slug: appel.slug });
    expect(r.status).toBe(302);
    expect(r.location).toBe(`${adresse()}#candidater`);
    const ecriture = await appeler(
      candidaturePage.action,
      postRequest(adresse("/candidature"), { intent: INTENTS.enregistrer, version: "1", structureNom: "Intrus" }),
      { slug: appel.slug },
    );
    expect(ecriture.status).toBe(302);
    expect(ecriture.location).toBe(`${adresse()}#candidater`);
  });

  it("se crée en brouillon à la première visite et s'affiche sans JavaScript, formulaires simples", async () => {
    const { cookie } = await insertCandidatConnecte(getDb());
    const r = await appeler(candidaturePage.loader, avecCookie(getRequest(adresse("/candidature")), cookie), {
      slug: appel.slug,
    });
    expect(r.headers.get("Cache-Control")).toBe("private, no-store");
    const html = render(page(candidaturePage.default)(r.data));
    expect(html.match(/<h1/g)).toHaveLength(1);
    expect(html).not.toContain("<script");
    expect(html).toMatch(/enctype="multipart\/form-data"/i);
    expect(html).toContain("✗ Dossier de candidature&nbsp;: manquant".replace("&nbsp;", "\u00a0"));
    expect(html).toMatch(/<label for="fichier-dossier"/);
  });

  it("refuse une saisie mal formée : 400, message près du champ, rien ne change", async () => {
    const { cookie, candidature } = await brouillon();
    const r = await appeler(
      candidaturePage.action,
      avecCookie(
        postRequest(adresse("/candidature"), {
          intent: INTENTS.enregistrer,
          version: String(candidature.version),
          structureNom: "Centre social",
          structureSiret: "123",
        }),
        cookie,
      ),
      { slug: appel.slug },
    );
    expect(r.status).toBe(400);
    const loader = await appeler(candidaturePage.loader, avecCookie(getRequest(adresse("/candidature")), cookie), {
      slug: appel.slug,
    });
    const html = render(page(candidaturePage.default)(loader.data, r.data));
    expect(html).toMatch(
      /aria-invalid="true" aria-describedby="[^"]*structureSiret[^"]*"|aria-describedby="[^"]*structureSiret[^"]*"[^>]*aria-invalid="true"/,
    );
    expect(html).toContain("Le numéro SIRET compte 14 chiffres (les espaces sont acceptés).");
    const [row] = await getDb().select().from(candidatures).where(eq(candidatures.id, candidature.id));
    expect(row).toMatchObject({ structureNom: "", version: candidature.version });
  });

  it("refuse un formulaire périmé (409) avec un message en français", async () => {
    const { cookie, candidature } = await brouillon();
    const enregistrer = (version: number) =>
      appeler(
        candidaturePage.action,
        avecCookie(
          postRequest(adresse("/candidature"), {
            intent: INTENTS.enregistrer,
            version: String(version),
            structureNom: `Structure ${version}`,
          }),
          cookie,
        ),
        { slug: appel.slug },
      );
    expect((await enregistrer(candidature.version)).status).toBe(302);
    const perime = await enregistrer(candidature.version);
    expect(perime.status).toBe(409);
    expect(JSON.stringify(perime.data)).toContain("modifiée entre-temps");
  });

  it("garde un PDF envoyé en multipart ; seul son candidat le télécharge, en pièce jointe et isolé", async () => {
    const { cookie, candidature } = await brouillon();
    const r = await envoyerDossier(cookie, candidature.version, { nom: "Dossier signé.pdf", octets: PDF_ESSAI });
    expect(r.status).toBe(302);
    const [piece] = await getDb()
      .select()
      .from(candidaturePieces)
      .where(eq(candidaturePieces.candidatureId, candidature.id));
    expect(piece).toMatchObject({ nom: "Dossier signé.pdf", typeMime: "application/pdf", taille: PDF_ESSAI.length });

    const params = { slug: appel.slug, pieceId: piece?.id as string };
    const chemin = adresse(`/candidature/pieces/${piece?.id}`);
    const telechargement = await piecePage.loader({
      request: avecCookie(getRequest(chemin), cookie),
      params,
      context: contextFor(null),
    } as never);
    expect(telechargement.status).toBe(200);
    expect(Object.fromEntries(telechargement.headers)).toMatchObject({
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent("Dossier signé.pdf")}`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "sandbox",
      "cache-control": "private, no-store",
    });
    expect(Buffer.from(await telechargement.arrayBuffer())).toEqual(PDF_ESSAI);

    const autre = await brouillon();
    expect((await appeler(piecePage.loader, avecCookie(getRequest(chemin), autre.cookie), params)).status).toBe(404);
    expect((await appeler(piecePage.loader, getRequest(chemin), params)).status).toBe(404);
    // L'autre candidat ne peut pas non plus retirer le document.
    const retrait = await appeler(
      candidaturePage.action,
      avecCookie(
        postRequest(adresse("/candidature"), {
          intent: INTENTS.retirerPiece,
          pieceId: piece?.id as string,
          version: String(autre.candidature.version),
        }),
        autre.cookie,
      ),
      { slug: appel.slug },
    );
    expect(retrait.status).toBe(404);
    // Et sa page ne montre que sa propre candidature.
    const sienne = await appeler(
      candidaturePage.loader,
      avecCookie(getRequest(adresse("/candidature")), autre.cookie),
      {
        slug: appel.slug,
      },
    );
    expect((sienne.data as { pieces: unknown[] }).pieces).toEqual([]);
  });

  it("refuse un fichier texte renommé .pdf : message près du champ, aucune ligne, aucun fichier", async () => {
    const { cookie, candidature } = await brouillon();
    const avant = await fichiersStockes();
    const r = await envoyerDossier(cookie, candidature.version, { nom: "dossier.pdf", octets: TEXTE_ESSAI });
    expect(r.status).toBe(400);
    expect(r.data).toEqual({
      piece: { document: "dossier", message: "Ce fichier n'est pas du type attendu (PDF), quel que soit son nom." },
      formulaire: null,
    });
    const loader = await appeler(candidaturePage.loader, avecCookie(getRequest(adresse("/candidature")), cookie), {
      slug: appel.slug,
    });
    const html = render(page(candidaturePage.default)(loader.data, r.data));
    expect(html).toContain('aria-describedby="aide-dossier erreur-dossier"');
    expect(html).toContain('id="erreur-dossier"');
    expect(await fichiersStockes()).toEqual(avant);
    expect(
      await getDb().select().from(candidaturePieces).where(eq(candidaturePieces.candidatureId, candidature.id)),
    ).toEqual([]);
  });

  it("refuse 30 Mo envoyés en flux (sans Content-Length) pour une limite de 10 Mo : 413, disque vide, lecture bornée", async () => {
    const { cookie, candidature } = await brouillon();
    const avant = await fichiersStockes();
    const limite = 30 * 1024 * 1024;
    const frontiere = "----pdnEssai7MA4YWxkTrZu0gW";
    const champs = {
      _csrf: CSRF,
      intent: INTENTS.ajouterPiece,
      version: String(candidature.version),
      document: "dossier",
    };
    const tete = Buffer.from(
      `${Object.entries(champs)
        .map(([n, v]) => `--${frontiere}\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n${v}\r\n`)
        .join(
          "",
        )}--${frontiere}\r\nContent-Disposition: form-data; name="fichier"; filename="gros.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    );
    const morceau = Buffer.alloc(256 * 1024, 0x41);
    PDF_ESSAI.copy(morceau);
    let genere = 0;
    let fini = false;
    const corps = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(tete));
      },
      pull(controller) {
        if (genere >= limite) {
          controller.enqueue(new Uint8Array(Buffer.from(`\r\n--${frontiere}--\r\n`)));
          controller.close();
          fini = true;
          return;
        }
        controller.enqueue(new Uint8Array(morceau));
        genere += morceau.length;
      },
    });
    const request = new Request(`http://localhost:3000${adresse("/candidature")}`, {
      method: "POST",
      body: corps,
      duplex: "half",
      headers: { "content-type": `multipart/form-data; boundary=${frontiere}`, cookie: `pdn_csrf=${CSRF}; ${cookie}` },
    } as RequestInit);
    expect(request.headers.get("content-length")).toBeNull();

    const r = await viaMiddleware(request, candidaturePage.action, { slug: appel.slug });
    expect(r.status).toBe(413);
    expect(r.headers.get("Connection")).toBe("close");
    expect(r.data).toEqual({
      piece: {
        document: "dossier",
        message: "Le fichier dépasse 10\u00a0Mo : choisissez un fichier plus léger. Rien n'a été enregistré.",
      },
      formulaire: null,
    });
    expect(fini).toBe(false);
    expect(genere).toBeLessThan(12 * 1024 * 1024);
    expect(await fichiersStockes()).toEqual(avant);
    expect(
      await getDb().select().from(candidaturePieces).where(eq(candidaturePieces.candidatureId, candidature.id)),
    ).toEqual([]);
  });

  it("se dépose complète par le formulaire : e-mail de confirmation, puis résumé en lecture seule", async () => {
    const { cookie, candidature, candidat } = await brouillon();
    const envoye = await envoyerDossier(cookie, candidature.version, { nom: "dossier.pdf", octets: PDF_ESSAI });
    expect(envoye.status).toBe(302);
    const r = await appeler(
      candidaturePage.action,
      avecCookie(
        postRequest(adresse("/candidature"), {
          intent: INTENTS.deposer,
          version: String(candidature.version + 1),
          structureNom: "Centre social La Ruche",
          structureCommune: "Digne-les-Bains",
          structureSiret: "123 456 789 00011",
          contactNom: "Camille Martin",
          contactTelephone: "04 92 30 00 00",
          personneProposee: "Alex Durand",
          personneFonction: "Éducateur spécialisé",
          projet: "Animer le réseau.",
          reponse_implantee: "oui",
          reponse_reseau: "non",
        }),
        cookie,
      ),
      { slug: appel.slug },
    );
    expect(r.status).toBe(302);
    const mails = (await findOutboxMails(1000)).filter((m) => m.to === candidat.email);
    expect(mails.map((m) => m.subject)).toEqual([`Candidature déposée – ${appel.titre}`]);
    const loader = await appeler(candidaturePage.loader, avecCookie(getRequest(adresse("/candidature")), cookie), {
      slug: appel.slug,
    });
    const html = render(page(candidaturePage.default)(loader.data));
    expect(html).toContain("Déposée");
    expect(html).toContain("Une candidature déposée ne peut plus être modifiée.");
    expect(html).not.toContain('value="deposer"');
    expect(html).not.toMatch(/multipart/i);
    expect(html.match(/<form/g)).toHaveLength(1); // la déconnexion seulement
  });

  it("refuse un dépôt incomplet : 400, les motifs en français en tête du formulaire, rien n'est enregistré", async () => {
    const { cookie, candidature } = await brouillon();
    const r = await appeler(
      candidaturePage.action,
      avecCookie(
        postRequest(adresse("/candidature"), {
          intent: INTENTS.deposer,
          version: String(candidature.version),
          structureNom: "Centre social La Ruche",
        }),
        cookie,
      ),
      { slug: appel.slug },
    );
    expect(r.status).toBe(400);
    const loader = await appeler(candidaturePage.loader, avecCookie(getRequest(adresse("/candidature")), cookie), {
      slug: appel.slug,
    });
    const html = render(page(candidaturePage.default)(loader.data, r.data));
    expect(html).toMatch(
      /role="alert"[^>]*><p>La candidature n&#x27;est pas déposée, et rien n&#x27;a été enregistré :/,
    );
    expect(html).toContain("<p>Documents obligatoires manquants : Dossier de candidature.</p>");
    const [row] = await getDb().select().from(candidatures).where(eq(candidatures.id, candidature.id));
    expect(row).toMatchObject({ statut: "brouillon", structureNom: "", version: candidature.version });
  });

  it("refuse une présentation du projet qui permettrait de reconnaître un jeune : 400, message près du champ", async () => {
    const { cookie, candidature } = await brouillon();
    const r = await appeler(
      candidaturePage.action,
      avecCookie(
        postRequest(adresse("/candidature"), {
          intent: INTENTS.enregistrer,
          version: String(candidature.version),
          projet: "Nous accompagnons déjà Léa, joignable au 06 12 34 56 78.",
        }),
        cookie,
      ),
      { slug: appel.slug },
    );
    expect(r.status).toBe(400);
    const loader = await appeler(candidaturePage.loader, avecCookie(getRequest(adresse("/candidature")), cookie), {
      slug: appel.slug,
    });
    const html = render(page(candidaturePage.default)(loader.data, r.data));
    expect(html).toMatch(/<textarea[^>]*aria-invalid="true"/);
    expect(html).toContain("Ce texte contient un numéro de téléphone");
    const [row] = await getDb().select().from(candidatures).where(eq(candidatures.id, candidature.id));
    expect(row).toMatchObject({ projet: "", version: candidature.version });
  });

  it("relit le budget proposé saisi à la française et montre ses règles de financement", async () => {
    const avecBudget = await insertAppelPublie(getDb(), { budgetPropose: true });
    const { cookie } = await insertCandidatConnecte(getDb());
    const chemin = `/appels/${avecBudget.slug}/candidature`;
    const lire = () =>
      appeler(candidaturePage.loader, avecCookie(getRequest(chemin), cookie), { slug: avecBudget.slug });
    const { candidature } = (await lire()).data as { candidature: { version: number } };
    const r = await appeler(
      candidaturePage.action,
      avecCookie(
        postRequest(chemin, {
          intent: INTENTS.enregistrer,
          version: String(candidature.version),
          charge_personnel_coordination: "20 000",
          produit_caf: "20 000",
          etp: "0,5",
        }),
        cookie,
      ),
      { slug: avecBudget.slug },
    );
    expect(r.status).toBe(302);
    const html = render(page(candidaturePage.default)((await lire()).data));
    expect(html).toMatch(/name="etp" value="0,5"/);
    expect(html).toContain("Règles de financement du budget prévisionnel");
    expect(html).toMatch(/Part de la CAF/);

    // L'appel clos, le brouillon se relit en résumé, budget compris.
    await getDb()
      .update(appels)
      .set({ clotureLe: new Date(Date.now() - 1000) })
      .where(eq(appels.id, avecBudget.id));
    const resume = render(page(candidaturePage.default)((await lire()).data));
    expect(resume).toMatch(
      /<caption[^>]*>Charges<\/caption>.*<th scope="row">Total<\/th><td class="num font-semibold">20\u202f000,00\u00a0€/s,
    );
    expect(resume).toContain("Part de la CAF");
    expect(resume).toContain("Temps de coordination\u00a0: 0,5\u00a0ETP");
  });

  it("se déconnecte : la session est fermée et son cookie effacé, la candidature reste", async () => {
    const { cookie, candidature } = await brouillon();
    const r = await appeler(
      candidaturePage.action,
      avecCookie(postRequest(adresse("/candidature"), { intent: INTENTS.deconnexion }), cookie),
      { slug: appel.slug },
    );
    expect(r.status).toBe(302);
    expect(r.location).toBe(adresse());
    expect(r.headers.get("Set-Cookie")).toMatch(/^pdn_candidat=; .*Max-Age=0/);
    const apres = await appeler(candidaturePage.loader, avecCookie(getRequest(adresse("/candidature")), cookie), {
      slug: appel.slug,
    });
    expect(apres.status).toBe(302);
    const [row] = await getDb().select().from(candidatures).where(eq(candidatures.id, candidature.id));
    expect(row?.statut).toBe("brouillon");
  });
});
