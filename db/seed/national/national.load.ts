/**
 * Loads the national benchmark data (CSV of `../shared/bench/gen-data.mjs`) into the platform's own
 * model, in one transaction, by multi-row `insert … select * from unnest(…)` batches (no per-row
 * round trip, no audit row: a bulk load is not a person's action). See docs/bench.md.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { type SQL, sql } from "drizzle-orm";
import { COMMUNICATION_TYPES } from "~/domain/communication/communication.labels";
import { hashPassword } from "~/domain/comptes/password.server";
import { refaireTousLesAgregats } from "~/domain/indicateurs/agregats.server";
import { CONTROLES_SOCLE_NATIONAL, controleConformiteLabels } from "~/domain/profils/profil.labels";
import type { Database, Executor } from "~/server/db.server";
import {
  communeDeStructure,
  completerRapport,
  DOMAINE_BENCH,
  dateDeSortie,
  dateDeVerification,
  decouperNom,
  graine,
  lireLigneCsv,
  nomDeStructureUnique,
  prng,
  reseauDe,
  slugPromeneur,
  statutPromeneurDe,
  statutRapportDe,
  territoireDuPromeneur,
  themesDuRapport,
  typeStructureDe,
  uuidDe,
} from "./national.rules";

/** The password of every account the load creates (hashed with cheap scrypt parameters, see docs/bench.md). */
export const BENCH_PASSWORD = "bench-pdn-national";
/** app_meta key: `{"scale":1,"seed":42,"chargeLe":"…"}` once the load committed. */
export const NATIONAL_MARKER = "demo.national";

export const emailNational = () => `national@${DOMAINE_BENCH}`;
export const emailCoordination = (departement: string) => `coordination-${departement.toLowerCase()}@${DOMAINE_BENCH}`;
export const emailCopil = (departement: string) => `copil-${departement.toLowerCase()}@${DOMAINE_BENCH}`;
export const emailPromeneur = (id: number) => `promeneur-${id}@${DOMAINE_BENCH}`;

export type Comptage = Record<string, number>;
export type ResultatChargement = { etat: "charge" | "deja_charge"; comptage: Comptage; secondes: number };

export type Ligne = Record<string, string>;

export function lireCsv(dossier: string, fichier: string): Ligne[] {
  const chemin = path.join(dossier, fichier);
  if (!fs.existsSync(chemin)) throw new Error(`Fichier manquant : ${chemin}.`);
  const lignes = fs.readFileSync(chemin, "utf8").split("\n");
  const entete = lireLigneCsv(lignes[0] ?? "");
  const out: Ligne[] = [];
  for (let i = 1; i < lignes.length; i++) {
    const ligne = lignes[i];
    if (!ligne) continue;
    const cells = lireLigneCsv(ligne);
    const row: Ligne = {};
    entete.forEach((nom, j) => {
      row[nom] = cells[j] ?? "";
    });
    out.push(row);
  }
  return out;
}

type Colonne = { nom: string; type: string; cast?: string };

/** `insert into table (…) select … from unnest($1::type[], …)` by batches of `taille` rows. */
async function inserer(
  tx: Executor,
  table: string,
  colonnes: readonly Colonne[],
  lignes: readonly unknown[][],
  taille = 10_000,
): Promise<number> {
  const noms = colonnes.map((c) => c.nom).join(", ");
  const select = colonnes.map((c) => (c.cast ? `${c.nom}::${c.cast}` : c.nom)).join(", ");
  for (let debut = 0; debut < lignes.length; debut += taille) {
    const lot = lignes.slice(debut, debut + taille);
    const tableaux: SQL[] = colonnes.map(
      (c, j) => sql`${sql.param(lot.map((l) => l[j] ?? null))}::${sql.raw(c.type)}[]`,
    );
    await tx.execute(
      sql`insert into ${sql.raw(table)} (${sql.raw(noms)}) select ${sql.raw(select)} from unnest(${sql.join(tableaux, sql`, `)}) as u(${sql.raw(noms)})`,
    );
  }
  return lignes.length;
}

const iso = (d: Date) => d.toISOString();

function urlDuProfil(reseau: string, handle: string): string {
  switch (reseau) {
    case "instagram":
      return `https://www.instagram.com/${handle}/`;
    case "snapchat":
      return `https://www.snapchat.com/add/${handle}`;
    case "tiktok":
      return `https://www.tiktok.com/@${handle}`;
    case "facebook":
      return `https://www.facebook.com/${handle}`;
    case "youtube":
      return `https://www.youtube.com/@${handle}`;
    case "twitch":
      return `https://www.twitch.tv/${handle}`;
    case "x":
      return `https://x.com/${handle}`;
    case "discord":
      return `https://discord.gg/${handle}`;
    case "whatsapp":
      return `https://whatsapp.com/channel/${handle}`;
    default:
      return `https://${handle}.${DOMAINE_BENCH}/`;
  }
}

/** Why this database may not receive the national load, or null. */
export async function refusChargement(db: Executor): Promise<string | null> {
  const result = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from users where lower(email) not like ${`%@${DOMAINE_BENCH}`} and lower(email) not like '%@demo.pdn04.fr'`,
  );
  const n = Number(result.rows[0]?.n ?? 0);
  return n > 0
    ? `Cette base contient ${n} compte(s) qui ne sont ni de la démo ni du banc d'essai : le chargement national est refusé (utilisez une base neuve, par exemple --pglite DOSSIER).`
    : null;
}

/** The scale and seed of the national data already loaded, if any. */
export async function marqueurNational(db: Executor): Promise<{ scale: number; seed: number } | null> {
  const result = await db.execute<{ value: string }>(sql`select value from app_meta where key = ${NATIONAL_MARKER}`);
  const value = result.rows[0]?.value;
  return value ? (JSON.parse(value) as { scale: number; seed: number }) : null;
}

export async function chargerNational(
  db: Database,
  options: { dossier: string; scale: number; seed: number; log?: (message: string) => void; agregats?: boolean },
): Promise<ResultatChargement> {
  const debut = Date.now();
  const log = options.log ?? (() => {});
  const { seed } = options;
  const deja = await marqueurNational(db);
  if (deja) {
    if (deja.scale === options.scale && deja.seed === seed) {
      return { etat: "deja_charge", comptage: await compter(db), secondes: 0 };
    }
    throw new Error(
      `Cette base contient déjà les données nationales à l'échelle ${deja.scale} (graine ${deja.seed}) : utilisez une base neuve pour l'échelle ${options.scale} (graine ${seed}).`,
    );
  }
  const refus = await refusChargement(db);
  if (refus) throw new Error(refus);

  const departementsCsv = lireCsv(options.dossier, "departements.csv");
  const structuresCsv = lireCsv(options.dossier, "structures.csv");
  const promeneursCsv = lireCsv(options.dossier, "promeneurs.csv");
  const profilsCsv = lireCsv(options.dossier, "social_profiles.csv");
  const rapportsCsv = lireCsv(options.dossier, "activity_reports.csv");
  log(`CSV lus (${rapportsCsv.length.toLocaleString("fr-FR")} bilans)`);

  const connus = new Set(
    (await db.execute<{ code: string }>(sql`select code from departements`)).rows.map((r) => r.code),
  );
  const manquants = departementsCsv.map((d) => d.code as string).filter((c) => !connus.has(c));
  if (manquants.length) {
    throw new Error(`Départements absents de la base : ${manquants.join(", ")} (lancez d'abord les migrations).`);
  }
  const communesRows = (
    await db.execute<{ code: string; departement: string; epci_siren: string | null }>(
      sql`select code, departement, epci_siren from communes order by code`,
    )
  ).rows;
  const communeParCode = new Map(communesRows.map((c) => [c.code, c]));
  const communesParDepartement = new Map<string, string[]>();
  for (const c of communesRows) {
    const list = communesParDepartement.get(c.departement) ?? [];
    list.push(c.code);
    communesParDepartement.set(c.departement, list);
  }

  const hash = await hashPassword(BENCH_PASSWORD, 10);
  const creeLe = "2021-09-01T08:00:00.000Z";
  const departements = departementsCsv.map((d) => d.code as string);
  const coordinateur = (dep: string) => uuidDe("compte-coordination", dep);

  // A superuser (PGlite, the bench's own cluster) skips the foreign-key triggers of the load: the
  // rows are consistent by construction, and the per-row checks triple the load time.
  const superuser = (
    await db.execute<{ ok: boolean }>(sql`select rolsuper as ok from pg_roles where rolname = current_user`)
  ).rows[0]?.ok;
  const comptage: Comptage = {};
  await db.transaction(async (tx) => {
    if (superuser) await tx.execute(sql`set local session_replication_role = replica`);
    // Accounts: national, coordination and steering committee per département, one per promeneur.
    const comptes: unknown[][] = [
      [uuidDe("compte", "national"), emailNational(), "Coordination nationale (banc)", hash, creeLe],
    ];
    const roles: unknown[][] = [[uuidDe("role", "national"), uuidDe("compte", "national"), "national", null]];
    for (const dep of departements) {
      comptes.push([coordinateur(dep), emailCoordination(dep), `Coordination ${dep} (banc)`, hash, creeLe]);
      roles.push([uuidDe("role-coordination", dep), coordinateur(dep), "coordinateur", dep]);
      comptes.push([uuidDe("compte-copil", dep), emailCopil(dep), `Comité de pilotage ${dep} (banc)`, hash, creeLe]);
      roles.push([uuidDe("role-copil", dep), uuidDe("compte-copil", dep), "copil", dep]);
    }
    for (const p of promeneursCsv) {
      const id = Number(p.id);
      comptes.push([uuidDe("compte-promeneur", id), emailPromeneur(id), p.display_name, hash, p.created_at]);
      roles.push([uuidDe("role-promeneur", id), uuidDe("compte-promeneur", id), "promeneur", p.departement]);
    }
    comptage.comptes = await inserer(
      tx,
      "users",
      [
        { nom: "id", type: "uuid" },
        { nom: "email", type: "text" },
        { nom: "nom", type: "text" },
        { nom: "password_hash", type: "text" },
        { nom: "created_at", type: "timestamptz" },
      ],
      comptes,
    );
    await inserer(
      tx,
      "user_roles",
      [
        { nom: "id", type: "uuid" },
        { nom: "user_id", type: "uuid" },
        { nom: "role", type: "text" },
        { nom: "departement", type: "text" },
      ],
      roles,
    );

    // Structures.
    const nomsPris = new Map<string, Set<string>>();
    const communeDeLaStructure = new Map<number, string | null>();
    const structures = structuresCsv.map((s) => {
      const id = Number(s.id);
      const dep = s.departement as string;
      const pris = nomsPris.get(dep) ?? new Set<string>();
      nomsPris.set(dep, pris);
      const commune = communeDeStructure(
        s.commune_code as string,
        communesParDepartement.get(dep) ?? [],
        (code) => communeParCode.get(code)?.departement === dep,
      );
      communeDeLaStructure.set(id, commune);
      return [
        uuidDe("structure", id),
        dep,
        nomDeStructureUnique(s.name as string, id, pris),
        typeStructureDe(s.type as string),
        commune,
        `contact-structure-${id}@${DOMAINE_BENCH}`,
        creeLe,
      ];
    });
    comptage.structures = await inserer(
      tx,
      "structures",
      [
        { nom: "id", type: "uuid" },
        { nom: "departement", type: "text" },
        { nom: "nom", type: "text" },
        { nom: "type", type: "text" },
        { nom: "commune_code", type: "text" },
        { nom: "email", type: "text" },
        { nom: "created_at", type: "timestamptz" },
      ],
      structures,
    );

    // Promeneurs and their intervention territory.
    const promeneurInfo = new Map<number, { dep: string; structure: number; entree: Date; sortie: Date | null }>();
    const territoires: unknown[][] = [];
    const promeneurs = promeneursCsv.map((p) => {
      const id = Number(p.id);
      const dep = p.departement as string;
      const structure = Number(p.structure_id);
      if (!p.structure_id) {
        throw new Error(
          `Le promeneur ${id} n'a pas de structure : à cette échelle, des départements n'en ont aucune (prenez --scale 0.05 au moins).`,
        );
      }
      const statut = statutPromeneurDe(p.status as string);
      const entree = new Date(p.created_at as string);
      const sortie = statut === "sorti" ? dateDeSortie(id, entree, seed) : null;
      promeneurInfo.set(id, { dep, structure, entree, sortie });
      const { prenom, nom } = decouperNom(p.display_name as string);
      const rand = prng(graine(seed, "promeneur", id));
      const code = communeDeLaStructure.get(structure) ?? null;
      const commune = code ? communeParCode.get(code) : undefined;
      const territoire = territoireDuPromeneur(
        id,
        commune ? { code: commune.code, epciSiren: commune.epci_siren } : null,
        seed,
      );
      if (territoire)
        territoires.push([
          uuidDe("territoire", id),
          uuidDe("promeneur", id),
          territoire.communeCode,
          territoire.epciSiren,
        ]);
      return [
        uuidDe("promeneur", id),
        dep,
        uuidDe("structure", structure),
        uuidDe("compte-promeneur", id),
        prenom,
        nom,
        emailPromeneur(id),
        "Promeneur du Net",
        p.display_name,
        slugPromeneur(p.display_name as string, id),
        2 + Math.floor(rand() * 7),
        statut,
        iso(sortie ?? entree),
        statut === "sorti" ? "Départ de la structure" : statut === "suspendu" ? "Congé longue durée" : null,
        coordinateur(dep),
        p.created_at,
        p.created_at,
        p.created_at,
        p.created_at,
        sortie ? iso(sortie) : null,
        p.created_at,
      ];
    });
    comptage.promeneurs = await inserer(
      tx,
      "promeneurs",
      [
        { nom: "id", type: "uuid" },
        { nom: "departement", type: "text" },
        { nom: "structure_id", type: "uuid" },
        { nom: "user_id", type: "uuid" },
        { nom: "prenom", type: "text" },
        { nom: "nom", type: "text" },
        { nom: "email", type: "text" },
        { nom: "fonction", type: "text" },
        { nom: "nom_public", type: "text" },
        { nom: "slug", type: "text" },
        { nom: "heures_hebdomadaires", type: "numeric" },
        { nom: "statut", type: "text" },
        { nom: "statut_depuis", type: "timestamptz" },
        { nom: "motif_statut", type: "text" },
        { nom: "propose_par", type: "uuid" },
        { nom: "propose_le", type: "timestamptz" },
        { nom: "charte_signee_le", type: "timestamptz" },
        { nom: "formation_initiale_le", type: "timestamptz" },
        { nom: "entree_le", type: "timestamptz" },
        { nom: "sortie_le", type: "timestamptz" },
        { nom: "created_at", type: "timestamptz" },
      ],
      promeneurs,
    );
    comptage.territoires = await inserer(
      tx,
      "promeneur_territoires",
      [
        { nom: "id", type: "uuid" },
        { nom: "promeneur_id", type: "uuid" },
        { nom: "commune_code", type: "text" },
        { nom: "epci_siren", type: "text" },
      ],
      territoires,
    );

    // Social profiles and their one verification.
    const reseauxDuPromeneur = new Map<number, string[]>();
    const profils: unknown[][] = [];
    const verifications: unknown[][] = [];
    for (const s of profilsCsv) {
      const id = Number(s.id);
      const promeneur = Number(s.promeneur_id);
      const info = promeneurInfo.get(promeneur);
      if (!info) throw new Error(`Profil ${id} : promeneur ${promeneur} inconnu.`);
      const reseau = reseauDe(s.network as string);
      const list = reseauxDuPromeneur.get(promeneur) ?? [];
      list.push(reseau);
      reseauxDuPromeneur.set(promeneur, list);
      const conforme = s.conform === "true";
      const le = dateDeVerification(id, seed);
      const handle = s.handle as string;
      profils.push([
        uuidDe("profil", id),
        info.dep,
        uuidDe("promeneur", promeneur),
        reseau,
        handle,
        urlDuProfil(reseau, handle),
        iso(le),
        conforme ? "conforme" : "non_conforme",
        creeLe,
      ]);
      const manque = CONTROLES_SOCLE_NATIONAL[id % CONTROLES_SOCLE_NATIONAL.length];
      const controles = CONTROLES_SOCLE_NATIONAL.map((code) => ({
        code,
        libelle: controleConformiteLabels[code],
        ok: conforme || code !== manque,
      }));
      verifications.push([
        uuidDe("verification", id),
        info.dep,
        uuidDe("profil", id),
        iso(le),
        coordinateur(info.dep),
        conforme ? "conforme" : "non_conforme",
        JSON.stringify(controles),
        conforme || !manque ? null : controleConformiteLabels[manque],
      ]);
    }
    comptage.profils = await inserer(
      tx,
      "profils_sociaux",
      [
        { nom: "id", type: "uuid" },
        { nom: "departement", type: "text" },
        { nom: "promeneur_id", type: "uuid" },
        { nom: "reseau", type: "text" },
        { nom: "handle", type: "text" },
        { nom: "url", type: "text" },
        { nom: "derniere_verification_le", type: "timestamptz" },
        { nom: "dernier_resultat", type: "text" },
        { nom: "created_at", type: "timestamptz" },
      ],
      profils,
    );
    comptage.verifications = await inserer(
      tx,
      "verifications_profil",
      [
        { nom: "id", type: "uuid" },
        { nom: "departement", type: "text" },
        { nom: "profil_id", type: "uuid" },
        { nom: "verifie_le", type: "timestamptz" },
        { nom: "verifie_par", type: "uuid" },
        { nom: "resultat", type: "text" },
        { nom: "controles", type: "text", cast: "jsonb" },
        { nom: "manques", type: "text" },
      ],
      verifications,
    );
    log(`Comptes, structures, promeneurs et profils chargés (${((Date.now() - debut) / 1000).toFixed(1)} s)`);

    // Monthly reports and their breakdowns, by batches of reports (the requests are read alongside:
    // both files are ordered by report id).
    const demandesCsv = fs.readFileSync(path.join(options.dossier, "report_requests.csv"), "utf8").split("\n");
    let curseur = 1;
    comptage.rapports = 0;
    comptage.rapport_comptes = 0;
    const LOT = 10_000;
    for (let debutLot = 0; debutLot < rapportsCsv.length; debutLot += LOT) {
      const lot = rapportsCsv.slice(debutLot, debutLot + LOT);
      const rapports: unknown[][] = [];
      const lignesComptes: unknown[][] = [];
      for (const r of lot) {
        const id = Number(r.id);
        const promeneur = Number(r.promeneur_id);
        const info = promeneurInfo.get(promeneur);
        if (!info) throw new Error(`Bilan ${id} : promeneur ${promeneur} inconnu.`);
        const demandes: { theme: string; count: number }[] = [];
        while (curseur < demandesCsv.length) {
          const ligne = demandesCsv[curseur];
          if (!ligne) {
            curseur++;
            continue;
          }
          const [, reportId, theme, count] = lireLigneCsv(ligne);
          if (Number(reportId) !== id) break;
          demandes.push({ theme: theme as string, count: Number(count) });
          curseur++;
        }
        const mois = r.period as string;
        const csv = {
          id,
          youthNew: Number(r.youth_new),
          youthFollowed: Number(r.youth_followed),
          exchanges: Number(r.exchanges),
          hoursOnline: Number(r.hours_online),
        };
        const complet = completerRapport(csv, reseauxDuPromeneur.get(promeneur) ?? [], seed);
        const statut = statutRapportDe(r.status as string);
        const [annee, moisNum] = mois.split("-").map(Number) as [number, number];
        const soumisLe = new Date(Date.UTC(annee, moisNum, 3 + (id % 5), 9));
        const valideLe = statut === "valide" ? new Date(soumisLe.getTime() + 7 * 86_400_000) : null;
        const rapportId = uuidDe("rapport", id);
        rapports.push([
          rapportId,
          info.dep,
          uuidDe("promeneur", promeneur),
          uuidDe("structure", info.structure),
          mois,
          statut,
          csv.youthNew,
          csv.youthFollowed,
          csv.exchanges,
          complet.individuels,
          complet.collectifs,
          csv.hoursOnline,
          iso(soumisLe),
          valideLe ? iso(valideLe) : null,
          valideLe ? coordinateur(info.dep) : null,
          iso(soumisLe),
          iso(valideLe ?? soumisLe),
        ]);
        for (const c of [...themesDuRapport(demandes), ...complet.comptes]) {
          lignesComptes.push([rapportId, c.rubrique, c.code, c.nombre]);
        }
      }
      comptage.rapports += await inserer(
        tx,
        "rapports_mensuels",
        [
          { nom: "id", type: "uuid" },
          { nom: "departement", type: "text" },
          { nom: "promeneur_id", type: "uuid" },
          { nom: "structure_id", type: "uuid" },
          { nom: "mois", type: "date" },
          { nom: "statut", type: "text" },
          { nom: "nouveaux_jeunes", type: "int" },
          { nom: "file_active", type: "int" },
          { nom: "echanges", type: "int" },
          { nom: "echanges_individuels", type: "int" },
          { nom: "echanges_collectifs", type: "int" },
          { nom: "heures_en_ligne", type: "numeric" },
          { nom: "soumis_le", type: "timestamptz" },
          { nom: "valide_le", type: "timestamptz" },
          { nom: "valide_par", type: "uuid" },
          { nom: "created_at", type: "timestamptz" },
          { nom: "updated_at", type: "timestamptz" },
        ],
        rapports,
      );
      comptage.rapport_comptes += await inserer(
        tx,
        "rapport_comptes",
        [
          { nom: "rapport_id", type: "uuid" },
          { nom: "rubrique", type: "text" },
          { nom: "code", type: "text" },
          { nom: "nombre", type: "int" },
        ],
        lignesComptes,
        20_000,
      );
      if ((debutLot / LOT) % 3 === 0) {
        log(
          `  bilans : ${(debutLot + lot.length).toLocaleString("fr-FR")} / ${rapportsCsv.length.toLocaleString("fr-FR")} (${((Date.now() - debut) / 1000).toFixed(1)} s)`,
        );
      }
    }

    // Gatherings per département and year, with their invitations and attendance.
    const regroupements: unknown[][] = [];
    const invitations: unknown[][] = [];
    const promeneursParDep = new Map<string, number[]>();
    for (const p of promeneursCsv) {
      const list = promeneursParDep.get(p.departement as string) ?? [];
      list.push(Number(p.id));
      promeneursParDep.set(p.departement as string, list);
    }
    const MODELES = [
      { type: "formation_continue", titre: "Formation continue", mois: 2 },
      { type: "echange_pratiques", titre: "Échange de pratiques", mois: 5 },
      { type: "reunion_departementale", titre: "Réunion départementale", mois: 9 },
    ] as const;
    for (const dep of departements) {
      for (let annee = 2022; annee <= 2026; annee++) {
        MODELES.forEach((m, rang) => {
          const cle = `${dep}-${annee}-${rang}`;
          const rand = prng(graine(seed, "regroupement", cle));
          const debutR = new Date(Date.UTC(annee, m.mois, 5 + Math.floor(rand() * 20), 7, 30));
          const finR = new Date(debutR.getTime() + 3 * 3_600_000);
          const regroupementId = uuidDe("regroupement", cle);
          regroupements.push([
            regroupementId,
            dep,
            m.type,
            `${m.titre} ${annee}`,
            iso(debutR),
            iso(finR),
            "promeneurs",
            coordinateur(dep),
            iso(new Date(debutR.getTime() - 30 * 86_400_000)),
          ]);
          for (const id of promeneursParDep.get(dep) ?? []) {
            const info = promeneurInfo.get(id);
            if (!info || info.entree > debutR || (info.sortie && info.sortie <= debutR)) continue;
            const r = rand();
            const reponse = r < 0.8 ? "oui" : "non";
            const presence =
              reponse === "oui" ? (rand() < 0.85 ? "present" : "absent") : rand() < 0.6 ? "excuse" : "absent";
            const invitationId = uuidDe("invitation", `${cle}-${id}`);
            invitations.push([
              invitationId,
              regroupementId,
              uuidDe("compte-promeneur", id),
              uuidDe("promeneur", id),
              promeneursCsv[id - 1]?.display_name ?? `Promeneur ${id}`,
              emailPromeneur(id),
              crypto.createHash("sha256").update(invitationId).digest("hex"),
              reponse,
              iso(new Date(debutR.getTime() - 10 * 86_400_000)),
              presence,
              iso(finR),
              coordinateur(dep),
              iso(new Date(debutR.getTime() - 30 * 86_400_000)),
            ]);
          }
        });
      }
    }
    comptage.regroupements = await inserer(
      tx,
      "regroupements",
      [
        { nom: "id", type: "uuid" },
        { nom: "departement", type: "text" },
        { nom: "type", type: "text" },
        { nom: "titre", type: "text" },
        { nom: "debut", type: "timestamptz" },
        { nom: "fin", type: "timestamptz" },
        { nom: "audience", type: "text" },
        { nom: "cree_par", type: "uuid" },
        { nom: "created_at", type: "timestamptz" },
      ],
      regroupements,
    );
    comptage.invitations = await inserer(
      tx,
      "regroupement_invitations",
      [
        { nom: "id", type: "uuid" },
        { nom: "regroupement_id", type: "uuid" },
        { nom: "user_id", type: "uuid" },
        { nom: "promeneur_id", type: "uuid" },
        { nom: "nom", type: "text" },
        { nom: "email", type: "text" },
        { nom: "jeton_hash", type: "text" },
        { nom: "reponse", type: "text" },
        { nom: "repondu_le", type: "timestamptz" },
        { nom: "presence", type: "text" },
        { nom: "presence_notee_le", type: "timestamptz" },
        { nom: "presence_notee_par", type: "uuid" },
        { nom: "invitation_envoyee_le", type: "timestamptz" },
      ],
      invitations,
    );

    // A few communication actions per département and year.
    const actions: unknown[][] = [];
    for (const dep of departements) {
      for (let annee = 2022; annee <= 2026; annee++) {
        for (let rang = 0; rang < 2; rang++) {
          const cle = `${dep}-${annee}-${rang}`;
          const rand = prng(graine(seed, "communication", cle));
          const type = COMMUNICATION_TYPES[Math.floor(rand() * COMMUNICATION_TYPES.length)] as string;
          const date = `${annee}-${String(3 + rang * 6 + Math.floor(rand() * 3)).padStart(2, "0")}-${String(1 + Math.floor(rand() * 27)).padStart(2, "0")}`;
          actions.push([
            uuidDe("communication", cle),
            dep,
            date,
            type,
            `Présentation des Promeneurs du Net (${annee})`,
            "Partenaires et familles",
            20 + Math.floor(rand() * 300),
            coordinateur(dep),
          ]);
        }
      }
    }
    comptage.actions_communication = await inserer(
      tx,
      "actions_communication",
      [
        { nom: "id", type: "uuid" },
        { nom: "departement", type: "text" },
        { nom: "date", type: "date" },
        { nom: "type", type: "text" },
        { nom: "titre", type: "text" },
        { nom: "public", type: "text" },
        { nom: "portee", type: "int" },
        { nom: "cree_par", type: "uuid" },
      ],
      actions,
    );

    await tx.execute(
      sql`insert into app_meta (key, value) values (${NATIONAL_MARKER}, ${JSON.stringify({ scale: options.scale, seed, chargeLe: new Date().toISOString() })})`,
    );
  });
  log(`Données insérées (${((Date.now() - debut) / 1000).toFixed(1)} s)`);

  if (options.agregats !== false) {
    const n = await refaireTousLesAgregats(db);
    comptage["agrégats refaits (département, mois)"] = n;
    log(`Agrégats mensuels refaits (${((Date.now() - debut) / 1000).toFixed(1)} s)`);
  }
  await db.execute(sql`analyze`);
  log(`ANALYZE fait (${((Date.now() - debut) / 1000).toFixed(1)} s)`);
  return { etat: "charge", comptage, secondes: (Date.now() - debut) / 1000 };
}

/** Row counts of what the load writes. */
export async function compter(db: Executor): Promise<Comptage> {
  const tables = [
    "users",
    "structures",
    "promeneurs",
    "promeneur_territoires",
    "profils_sociaux",
    "verifications_profil",
    "rapports_mensuels",
    "rapport_comptes",
    "regroupements",
    "regroupement_invitations",
    "actions_communication",
    "agregats_mensuels",
  ];
  const out: Comptage = {};
  for (const table of tables) {
    const r = await db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.raw(table)}`);
    out[table] = Number(r.rows[0]?.n ?? 0);
  }
  return out;
}
