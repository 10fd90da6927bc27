import { communes, epci, exceptionsPresence, promeneurs, promeneurTerritoires } from "@db/schema";
import { and, eq, ne } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  findEnLigneEtProchains,
  findPromeneurPublic,
  findPromeneursPublics,
} from "~/domain/public/annuaire-public.queries.server";
import { getDb } from "~/server/db.server";
import { reencodePhoto, storeFichier } from "~/server/fichiers.server";
import { insertCreneau, insertProfil, insertPromeneur, type PromeneurRow } from "../../../tests/factories/promeneur";
import { insertStructure } from "../../../tests/factories/structure";
import { render } from "../../../tests/support/render";
import { getRequest, outcome } from "../../../tests/support/route";
import * as sitemap from "../ressources/sitemap.xml";
import * as accueil from "./accueil";
import * as annuaire from "./promeneurs";
import * as profil from "./promeneurs.$slug";
import * as photo from "./promeneurs.$slug.photo";

// Mardi 1er décembre 2026, 18 h 30 à Paris (UTC+1).
const NOW = new Date("2026-12-01T17:30:00Z");
const JOUR_MS = 86_400_000;
const ilYa = (jours: number, from = NOW) => new Date(from.getTime() - jours * JOUR_MS);

const db = () => getDb();

/** A profile whose latest verification was `conforme` (or not) that many days before `from`. */
async function profilVerifie(
  p: PromeneurRow,
  reseau: string,
  handle: string,
  jours: number,
  resultat = "conforme",
  from = NOW,
) {
  return insertProfil(db(), p, {
    reseau,
    handle,
    url: `https://exemple.fr/${reseau}/${handle}`,
    derniereVerificationLe: ilYa(jours, from),
    dernierResultat: resultat,
  });
}

async function photoFor(p: PromeneurRow, contenu = "photo-webp-essai") {
  const id = await storeFichier(
    db(),
    { nom: "photo.webp", typeMime: "image/webp", contenu: Buffer.from(contenu) },
    { departement: p.departement, creePar: null },
  );
  await db().update(promeneurs).set({ photoId: id }).where(eq(promeneurs.id, p.id));
}

const SECRETS = ["prenom", "email", "telephone", "statut", "motif", "Essai", "@essai.pdn.fr", "Congés secrets"];

describe("annuaire public : requêtes (06, à un instant fixe)", () => {
  let lea: PromeneurRow;
  let bob: PromeneurRow;
  let nuitEpci: string;
  let autreCommuneEpci: { code: string; nom: string };

  beforeAll(async () => {
    const [nice] = await db().select().from(communes).where(eq(communes.code, "06088"));
    if (!nice?.epciSiren) throw new Error("Nice sans EPCI dans la base de référence");
    nuitEpci = nice.epciSiren;
    const [autre] = await db()
      .select({ code: communes.code, nom: communes.nom })
      .from(communes)
      .where(and(eq(communes.epciSiren, nuitEpci), ne(communes.code, "06088")));
    if (!autre) throw new Error("EPCI de Nice sans autre commune");
    autreCommuneEpci = autre;

    const structure = await insertStructure(db(), {
      departement: "06",
      nom: "Espace jeunes de Nice",
      communeCode: "06088",
    });
    // Léa: actif, Instagram conforme (1 mois), territoire = l'EPCI de Nice, en ligne le mardi 18 h–19 h.
    lea = await insertPromeneur(db(), {
      departement: "06",
      structureId: structure.id,
      statut: "actif",
      nomPublic: "Léa, animatrice",
      slug: "lea-essai-06",
      themes: ["sante", "logement"],
      bio: "J'accompagne les jeunes de Nice.",
      telephone: "0600000000",
    });
    await profilVerifie(lea, "instagram", "lea.pdn06", 30);
    await profilVerifie(lea, "tiktok", "lea.perso06", 20, "non_conforme");
    await db().insert(promeneurTerritoires).values({ promeneurId: lea.id, epciSiren: nuitEpci });
    await insertCreneau(db(), lea.id, { jour: 2, debut: 1080, fin: 1140, reseaux: ["instagram"] });
    await insertCreneau(db(), lea.id, { jour: 4, debut: 600, fin: 660, reseaux: ["instagram"] });
    await db()
      .insert(exceptionsPresence)
      .values({ promeneurId: lea.id, du: "2026-12-24", au: "2027-01-02", motif: "Congés secrets" });
    await photoFor(lea);

    // Bob: actif, Snapchat conforme (2 mois), la seule commune d'Antibes, présent le mercredi.
    bob = await insertPromeneur(db(), {
      departement: "06",
      statut: "actif",
      nomPublic: "Bob, éducateur",
      slug: "bob-essai-06",
      themes: ["scolarite"],
    });
    await profilVerifie(bob, "snapchat", "bob-pdn06", 60);
    // Conforme il y a 7 mois : ne compte plus (délai de 6 mois).
    await profilVerifie(bob, "youtube", "bobpdn06", 7 * 30 + 5);
    await db().insert(promeneurTerritoires).values({ promeneurId: bob.id, communeCode: "06004" });
    await insertCreneau(db(), bob.id, { jour: 3, debut: 840, fin: 900, reseaux: ["snapchat"] });

    // Absents de l'annuaire.
    const expire = await insertPromeneur(db(), { departement: "06", statut: "actif", slug: "expire-essai-06" });
    await profilVerifie(expire, "instagram", "expire.pdn06", 7 * 30 + 5);
    await insertCreneau(db(), expire.id, { jour: 2, debut: 1080, fin: 1140 });
    const sansProfil = await insertPromeneur(db(), { departement: "06", statut: "actif", slug: "sans-profil-06" });
    await insertCreneau(db(), sansProfil.id, { jour: 2, debut: 1080, fin: 1140 });
    for (const statut of ["suspendu", "sorti", "forme", "propose"]) {
      const p = await insertPromeneur(db(), { departement: "06", statut, slug: `${statut}-essai-06` });
      await profilVerifie(p, "instagram", `${statut}.pdn06`, 10);
      await insertCreneau(db(), p.id, { jour: 2, debut: 1080, fin: 1140 });
    }
    const ailleurs = await insertPromeneur(db(), { departement: "05", statut: "actif", slug: "ailleurs-essai-05" });
    await profilVerifie(ailleurs, "instagram", "ailleurs.pdn05", 10);
  });

  it("ne liste que les promeneurs actifs avec au moins un profil conforme, du département", async () => {
    const { promeneurs: cartes } = await findPromeneursPublics(db(), "06", NOW);
    expect(cartes.map((c) => c.slug)).toEqual(["bob-essai-06", "lea-essai-06"]);
    expect((await findPromeneursPublics(db(), "05", NOW)).promeneurs.map((c) => c.slug)).toEqual(["ailleurs-essai-05"]);
  });

  it("ne montre que les profils conformes à l'instant donné, et aucune donnée interne", async () => {
    const { promeneurs: cartes } = await findPromeneursPublics(db(), "06", NOW);
    const carteLea = cartes.find((c) => c.slug === "lea-essai-06");
    expect(carteLea).toEqual({
      slug: "lea-essai-06",
      nomPublic: "Léa, animatrice",
      structure: { nom: "Espace jeunes de Nice", commune: "Nice" },
      photo: "/promeneurs/lea-essai-06/photo",
      reseaux: [
        { reseau: "instagram", label: "Instagram", handle: "lea.pdn06", url: "https://exemple.fr/instagram/lea.pdn06" },
      ],
      horairesDuJour: "de 18\u00a0h\u00a000 à 19\u00a0h\u00a000",
      enLigne: true,
    });
    const carteBob = cartes.find((c) => c.slug === "bob-essai-06");
    expect(carteBob?.reseaux.map((r) => r.reseau)).toEqual(["snapchat"]);
    expect(carteBob).toMatchObject({ photo: null, horairesDuJour: "pas de présence aujourd'hui", enLigne: false });
  });

  it("un profil vérifié il y a 7 mois ne compte plus ; un promeneur dont le seul profil expire disparaît", async () => {
    // Six mois plus tard, la vérification de Léa (1 mois avant NOW) est à son tour expirée.
    const plusTard = new Date(NOW.getTime() + 6 * 30 * JOUR_MS);
    const slugs = (await findPromeneursPublics(db(), "06", plusTard)).promeneurs.map((c) => c.slug);
    expect(slugs).not.toContain("lea-essai-06");
    expect(await findPromeneurPublic(db(), "06", "expire-essai-06", NOW)).toBeNull();
  });

  it("filtre par commune : directement, ou par l'intercommunalité qui la contient", async () => {
    const slugsFor = async (commune: string) =>
      (await findPromeneursPublics(db(), "06", NOW, { commune })).promeneurs.map((c) => c.slug);
    expect(await slugsFor("06088")).toEqual(["lea-essai-06"]);
    expect(await slugsFor(autreCommuneEpci.code)).toEqual(["lea-essai-06"]);
    expect(await slugsFor(autreCommuneEpci.nom.toUpperCase())).toEqual(["lea-essai-06"]);
    expect(await slugsFor("nice")).toEqual(["lea-essai-06"]);
    expect(await slugsFor("Antibes")).toEqual(["bob-essai-06"]);
    expect(await slugsFor("06004")).toEqual(["bob-essai-06"]);
    // Grasse is in neither territory.
    expect(await slugsFor("06069")).toEqual([]);
    const inconnue = await findPromeneursPublics(db(), "06", NOW, { commune: "Villeimaginaire" });
    expect(inconnue).toMatchObject({ promeneurs: [], communeInconnue: true });
    expect((await findPromeneursPublics(db(), "06", NOW, { commune: "06069" })).communeInconnue).toBe(false);
  });

  it("propose dans la liste les communes couvertes (commune directe et communes de l'EPCI)", async () => {
    const { communes: noms } = await findPromeneursPublics(db(), "06", NOW);
    expect(noms).toContain("Nice");
    expect(noms).toContain("Antibes");
    expect(noms).toContain(autreCommuneEpci.nom);
    expect(noms).not.toContain("Grasse");
  });

  it("filtre par réseau, par thème et par présence en ligne maintenant", async () => {
    const slugs = async (filtres: Parameters<typeof findPromeneursPublics>[3]) =>
      (await findPromeneursPublics(db(), "06", NOW, filtres)).promeneurs.map((c) => c.slug);
    expect(await slugs({ reseau: "snapchat" })).toEqual(["bob-essai-06"]);
    expect(await slugs({ reseau: "instagram" })).toEqual(["lea-essai-06"]);
    // A non-conforming or expired profile does not make a promeneur match its network.
    expect(await slugs({ reseau: "tiktok" })).toEqual([]);
    expect(await slugs({ reseau: "youtube" })).toEqual([]);
    expect(await slugs({ theme: "scolarite" })).toEqual(["bob-essai-06"]);
    expect(await slugs({ theme: "logement" })).toEqual(["lea-essai-06"]);
    expect(await slugs({ enLigne: true })).toEqual(["lea-essai-06"]);
    // Mercredi 14 h 30 : Bob est en ligne, plus Léa.
    const mercredi = new Date("2026-12-02T13:30:00Z");
    expect(
      (await findPromeneursPublics(db(), "06", mercredi, { enLigne: true })).promeneurs.map((c) => c.slug),
    ).toEqual(["bob-essai-06"]);
    expect(await slugs({ enLigne: true, reseau: "snapchat" })).toEqual([]);
  });

  it("donne la fiche publique : horaires de la semaine, prochain créneau, absences sans motif", async () => {
    const fiche = await findPromeneurPublic(db(), "06", "lea-essai-06", new Date("2026-12-01T19:00:00Z"));
    expect(fiche).not.toBeNull();
    expect(Object.keys(fiche ?? {}).sort()).toEqual([
      "absences",
      "ages",
      "bio",
      "enLigne",
      "horairesDuJour",
      "nomPublic",
      "photo",
      "prochain",
      "reseaux",
      "semaine",
      "slug",
      "structure",
      "territoire",
      "themes",
    ]);
    expect(fiche).toMatchObject({
      enLigne: false,
      prochain: "jeudi 3 décembre de 10\u00a0h\u00a000 à 11\u00a0h\u00a000",
      themes: ["Santé", "Logement"],
      ages: "de 12 à 25\u00a0ans",
      absences: ["du 24 décembre 2026 au 2 janvier 2027"],
    });
    const [nomEpci] = await db().select({ nom: epci.nom }).from(epci).where(eq(epci.siren, nuitEpci));
    expect(fiche?.territoire).toEqual([nomEpci?.nom]);
    expect(fiche?.semaine).toHaveLength(7);
    expect(fiche?.semaine[1]).toEqual({
      jour: "mardi",
      plages: [{ plage: "de 18\u00a0h\u00a000 à 19\u00a0h\u00a000", reseaux: ["Instagram"] }],
    });
    expect(fiche?.reseaux.map((r) => r.handle)).toEqual(["lea.pdn06"]);
    const json = JSON.stringify(fiche);
    for (const secret of [...SECRETS, lea.id, lea.email, "0600000000", "lea.perso06"])
      expect(json).not.toContain(secret);

    for (const slug of ["suspendu-essai-06", "sorti-essai-06", "forme-essai-06", "sans-profil-06", "inconnu"]) {
      expect(await findPromeneurPublic(db(), "06", slug, NOW), slug).toBeNull();
    }
    // The slug of another département is not found here.
    expect(await findPromeneurPublic(db(), "04", "lea-essai-06", NOW)).toBeNull();
  });

  it("dit qui est en ligne maintenant et qui le sera prochainement", async () => {
    const result = await findEnLigneEtProchains(db(), "06", NOW);
    expect(result.enLigne.map((p) => p.slug)).toEqual(["lea-essai-06"]);
    expect(result.enLigne[0]?.reseaux.map((r) => r.reseau)).toEqual(["instagram"]);
    expect(result.prochains).toEqual([
      {
        slug: "bob-essai-06",
        nomPublic: "Bob, éducateur",
        reseaux: [
          { reseau: "snapchat", label: "Snapchat", handle: "bob-pdn06", url: "https://exemple.fr/snapchat/bob-pdn06" },
        ],
        quand: "mercredi 2 décembre de 14\u00a0h\u00a000 à 15\u00a0h\u00a000",
      },
    ]);
    // Mardi à 20 h : Bob (mercredi 14 h) vient avant Léa (jeudi 10 h).
    const soir = await findEnLigneEtProchains(db(), "06", new Date("2026-12-01T19:00:00Z"));
    expect(soir.enLigne).toEqual([]);
    expect(soir.prochains.map((p) => p.slug)).toEqual(["bob-essai-06", "lea-essai-06"]);
  });
});

// ─── Pages (the loaders read the clock and the default département, 04) ─────────────────────────

type AnnuaireData = Awaited<ReturnType<typeof annuaire.loader>>;
type ProfilData = Awaited<ReturnType<typeof profil.loader>>;

const loaderArgs = (path: string, params: Record<string, string> = {}) =>
  ({ request: getRequest(path), params, context: {} }) as never;

describe("pages publiques de l'annuaire (04)", () => {
  let publie: PromeneurRow;
  let suspendu: PromeneurRow;

  beforeAll(async () => {
    const now = new Date();
    publie = await insertPromeneur(db(), {
      statut: "actif",
      nomPublic: "Nina, conseillère",
      slug: "nina-essai-04",
      telephone: "0611111111",
      motifStatut: "motif interne",
    });
    await profilVerifie(publie, "instagram", "nina.pdn04", 10, "conforme", now);
    await profilVerifie(publie, "snapchat", "nina-perso", 10, "non_conforme", now);
    await photoFor(publie, "photo-de-nina");
    // Every day, all day: online whatever the hour the test runs.
    for (const jour of [1, 2, 3, 4, 5, 6, 7]) await insertCreneau(db(), publie.id, { jour, debut: 0, fin: 1440 });

    suspendu = await insertPromeneur(db(), { statut: "suspendu", nomPublic: "Sam, suspendu", slug: "sam-essai-04" });
    await profilVerifie(suspendu, "instagram", "sam.pdn04", 10, "conforme", now);
    await photoFor(suspendu, "photo-de-sam");
  });

  it("/promeneurs liste les promeneurs publics sans clé interne, et se rend sans JavaScript", async () => {
    const result = await outcome(() => annuaire.loader(loaderArgs("/promeneurs")));
    expect(result.status).toBe(200);
    const data = result.data as AnnuaireData;
    expect(Object.keys(data).sort()).toEqual(["communeInconnue", "communes", "filtre", "filtres", "promeneurs"]);
    expect(data.promeneurs.map((p) => p.slug)).toEqual(["nina-essai-04"]);
    const [carte] = data.promeneurs;
    expect(Object.keys(carte ?? {}).sort()).toEqual([
      "enLigne",
      "horairesDuJour",
      "nomPublic",
      "photo",
      "reseaux",
      "slug",
      "structure",
    ]);
    expect(Object.keys(carte?.structure ?? {}).sort()).toEqual(["commune", "nom"]);
    expect(Object.keys(carte?.reseaux[0] ?? {}).sort()).toEqual(["handle", "label", "reseau", "url"]);
    const json = JSON.stringify(data);
    for (const secret of [...SECRETS, publie.id, "0611111111", "nina-perso", "sam-essai-04"])
      expect(json).not.toContain(secret);

    const html = render(<annuaire.default loaderData={data} params={{}} matches={[] as never} />);
    expect(html).toContain("1 promeneur trouvé");
    expect(html).toMatch(/<form [^>]*action="\/promeneurs" method="get"/);
    expect(html).toMatch(/<label for="commune"[^>]*>Commune<\/label>/);
    expect(html).toContain('list="communes-couvertes"');
    expect(html).toMatch(
      /<img src="\/promeneurs\/nina-essai-04\/photo\?taille=96" srcSet="\/promeneurs\/nina-essai-04\/photo\?taille=192 2x" alt="" width="96" height="96" loading="lazy"/,
    );
    expect(html).toContain('href="https://exemple.fr/instagram/nina.pdn04" rel="noopener noreferrer"');
    expect(html).toContain('href="/promeneurs/nina-essai-04"');
    expect(html).toContain('href="/besoin-d-aide"');
    expect(html).toContain("Comment vérifier qu&#x27;un profil est authentique");
    expect(html).toContain("En ligne maintenant.");
  });

  it("/promeneurs applique les filtres de l'adresse et ignore les codes inconnus", async () => {
    const run = async (query: string) =>
      (await outcome(() => annuaire.loader(loaderArgs(`/promeneurs?${query}`)))).data as AnnuaireData;
    expect((await run("reseau=snapchat")).promeneurs).toEqual([]);
    expect((await run("reseau=instagram&enLigne=1")).promeneurs.map((p) => p.slug)).toEqual(["nina-essai-04"]);
    const inconnu = await run("reseau=myspace&theme=%3Cscript%3E");
    expect(inconnu.filtres).toMatchObject({ reseau: "", theme: "" });
    expect(inconnu.promeneurs.map((p) => p.slug)).toEqual(["nina-essai-04"]);
    const html = render(
      <annuaire.default loaderData={await run("commune=Nulle-Part")} params={{}} matches={[] as never} />,
    );
    expect(html).toContain("Aucune commune ne porte ce nom.");
    expect(html).toContain("Aucun promeneur ne correspond à votre recherche.");
  });

  it("/promeneurs/:slug donne la fiche, son adresse canonique et ses balises Open Graph", async () => {
    const result = await outcome(() =>
      profil.loader(loaderArgs("/promeneurs/nina-essai-04", { slug: "nina-essai-04" })),
    );
    expect(result.status).toBe(200);
    const data = result.data as ProfilData;
    expect(Object.keys(data).sort()).toEqual(["canonical", "image", "promeneur"]);
    expect(data.canonical).toBe("http://localhost:3000/promeneurs/nina-essai-04");
    expect(data.image).toBe("http://localhost:3000/promeneurs/nina-essai-04/photo");
    const json = JSON.stringify(data);
    for (const secret of [...SECRETS, publie.id, "0611111111", "nina-perso", "motif interne"]) {
      expect(json).not.toContain(secret);
    }
    const meta = profil.meta({ loaderData: data } as never);
    expect(meta).toContainEqual({ title: "Nina, conseillère – Promeneurs du Net" });
    expect(meta).toContainEqual({ tagName: "link", rel: "canonical", href: data.canonical });
    expect(meta).toContainEqual({ property: "og:title", content: "Nina, conseillère – Promeneurs du Net" });

    const html = render(<profil.default loaderData={data} params={{ slug: "nina-essai-04" }} matches={[] as never} />);
    expect(html).toContain("<h1>Nina, conseillère</h1>");
    expect(html).toContain("En ligne maintenant.");
    expect(html).toMatch(/<caption[^>]*>Horaires de présence de Nina, conseillère chaque semaine<\/caption>/);
    expect(html.match(/<th scope="row"/g)).toHaveLength(7);
    expect(html).toContain('href="https://exemple.fr/instagram/nina.pdn04" rel="noopener noreferrer"');
    expect(html).not.toContain("nina-perso");
    expect(html).toContain('href="/besoin-d-aide"');
  });

  it("un promeneur suspendu disparaît aussitôt : fiche et photo en 404", async () => {
    for (const slug of ["sam-essai-04", "inconnu-04"]) {
      const fiche = await outcome(() => profil.loader(loaderArgs(`/promeneurs/${slug}`, { slug })));
      expect(fiche.status, slug).toBe(404);
      const image = await outcome(() => photo.loader(loaderArgs(`/promeneurs/${slug}/photo`, { slug })));
      expect(image.status, slug).toBe(404);
    }
    // Nina suspended in turn: gone at once, photo included.
    await db().update(promeneurs).set({ statut: "suspendu" }).where(eq(promeneurs.id, publie.id));
    try {
      const args = loaderArgs("/promeneurs/nina-essai-04", { slug: "nina-essai-04" });
      expect((await outcome(() => profil.loader(args))).status).toBe(404);
      expect((await outcome(() => photo.loader(args))).status).toBe(404);
      const list = (await outcome(() => annuaire.loader(loaderArgs("/promeneurs")))).data as AnnuaireData;
      expect(list.promeneurs).toEqual([]);
    } finally {
      await db().update(promeneurs).set({ statut: "actif" }).where(eq(promeneurs.id, publie.id));
    }
  });

  it("sert la photo d'un promeneur public, en cache public, et répond 304 quand l'ETag correspond", async () => {
    const response = (await photo.loader(
      loaderArgs("/promeneurs/nina-essai-04/photo", { slug: "nina-essai-04" }),
    )) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/webp");
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=3600");
    expect(Buffer.from(await response.arrayBuffer()).toString()).toBe("photo-de-nina");
    const etag = response.headers.get("ETag");
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);

    const request = new Request("http://localhost:3000/promeneurs/nina-essai-04/photo", {
      headers: { "If-None-Match": etag ?? "" },
    });
    const cached = (await photo.loader({
      request,
      params: { slug: "nina-essai-04" },
      context: {},
    } as never)) as Response;
    expect(cached.status).toBe(304);
    expect(cached.headers.get("ETag")).toBe(etag);
    expect(await cached.text()).toBe("");

    const stale = new Request("http://localhost:3000/promeneurs/nina-essai-04/photo", {
      headers: { "If-None-Match": '"autre"' },
    });
    expect(
      ((await photo.loader({ request: stale, params: { slug: "nina-essai-04" }, context: {} } as never)) as Response)
        .status,
    ).toBe(200);
  });

  it("sert à l'annuaire de petites photos de 96 et 192 px, plus légères, chacune avec son ETag", async () => {
    const now = new Date();
    const leo = await insertPromeneur(db(), { statut: "actif", nomPublic: "Léo", slug: "leo-essai-04" });
    await profilVerifie(leo, "instagram", "leo.pdn04", 10, "conforme", now);
    // A real upload: an 800 px photo re-encoded as the upload form does.
    const sharp = (await import("sharp")).default;
    const noise = Buffer.alloc(64 * 64 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
    const original = await reencodePhoto(
      await sharp(noise, { raw: { width: 64, height: 64, channels: 3 } })
        .resize(1200, 1000)
        .png()
        .toBuffer(),
    );
    const id = await storeFichier(
      db(),
      { nom: "photo.webp", typeMime: "image/webp", contenu: original },
      { departement: "04", creePar: null },
    );
    await db().update(promeneurs).set({ photoId: id }).where(eq(promeneurs.id, leo.id));

    const url = "http://localhost:3000/promeneurs/leo-essai-04/photo";
    const get = async (query: string, headers: Record<string, string> = {}) =>
      (await photo.loader({
        request: new Request(`${url}${query}`, { headers }),
        params: { slug: "leo-essai-04" },
        context: {},
      } as never)) as Response;
    const grande = await get("");
    const petite = await get("?taille=192");
    expect(petite.status).toBe(200);
    expect(petite.headers.get("Content-Type")).toBe("image/webp");
    const bytes = Buffer.from(await petite.arrayBuffer());
    expect(await sharp(bytes).metadata()).toMatchObject({ format: "webp", width: 192, height: 192 });
    expect(bytes.length).toBeLessThan(original.length / 4);
    expect((await sharp(Buffer.from(await grande.arrayBuffer())).metadata()).width).toBe(800);
    const etag = petite.headers.get("ETag") ?? "";
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(etag).not.toBe(grande.headers.get("ETag"));
    // Asked again: 304 with its ETag, the same bytes otherwise.
    expect((await get("?taille=192", { "If-None-Match": etag })).status).toBe(304);
    expect((await get("?taille=192", { "If-None-Match": grande.headers.get("ETag") ?? "" })).status).toBe(200);
    expect(Buffer.from(await (await get("?taille=192")).arrayBuffer())).toEqual(bytes);
    const unX = await get("?taille=96");
    expect(await sharp(Buffer.from(await unX.arrayBuffer())).metadata()).toMatchObject({ width: 96, height: 96 });
    expect(unX.headers.get("ETag")).not.toBe(etag);
    // Any other size: the original, not a rendition of arbitrary size.
    expect((await sharp(Buffer.from(await (await get("?taille=5000")).arrayBuffer())).metadata()).width).toBe(800);

    await db().update(promeneurs).set({ statut: "suspendu" }).where(eq(promeneurs.id, leo.id));
    expect((await outcome(() => get("?taille=192", { "If-None-Match": etag }))).status).toBe(404);
  });

  it("refuse la photo d'un promeneur actif dont aucun profil n'est conforme, même avec un ETag connu", async () => {
    const now = new Date();
    const nonVerifie = await insertPromeneur(db(), { statut: "actif", slug: "tom-essai-04" });
    await profilVerifie(nonVerifie, "instagram", "tom.pdn04", 10, "non_conforme", now);
    await photoFor(nonVerifie, "photo-de-tom");
    const request = new Request("http://localhost:3000/promeneurs/tom-essai-04/photo", {
      headers: { "If-None-Match": "*" },
    });
    const result = await outcome(() =>
      photo.loader({ request, params: { slug: "tom-essai-04" }, context: {} } as never),
    );
    expect(result.status).toBe(404);
  });

  it("l'accueil annonce qui est en ligne maintenant, avec ses réseaux", async () => {
    const data = await accueil.loader();
    expect(data.enLigne.map((p) => p.slug)).toEqual(["nina-essai-04"]);
    const html = render(<accueil.default loaderData={data} params={{}} matches={[] as never} />);
    expect(html).toContain("En ligne maintenant");
    expect(html).toContain('href="/promeneurs/nina-essai-04"');
    expect(html).toContain('href="https://exemple.fr/instagram/nina.pdn04" rel="noopener noreferrer"');
    expect(html).not.toContain("sam.pdn04");
    expect(html).toContain('href="/besoin-d-aide"');
    expect(Buffer.byteLength(html)).toBeLessThan(30_000);

    const vide = render(
      <accueil.default loaderData={{ enLigne: [], prochains: [] }} params={{}} matches={[] as never} />,
    );
    expect(vide).toContain("Aucun promeneur n&#x27;est en ligne en ce moment.");
  });

  it("le plan du site XML contient les fiches publiques et elles seules", async () => {
    const response = await sitemap.loader();
    const xml = await response.text();
    expect(xml).toContain("<loc>http://localhost:3000/promeneurs/nina-essai-04</loc>");
    expect(xml).toContain("<loc>http://localhost:3000/promeneurs</loc>");
    expect(xml).not.toContain("sam-essai-04");
    // 06 promeneurs of the other describe block are not of this département.
    expect(xml).not.toContain("lea-essai-06");
    expect(xml.match(/<loc>[^<]*\/promeneurs\/[^<]+<\/loc>/g)).toHaveLength(1);
  });
});
