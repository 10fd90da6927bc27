import { and, eq, inArray, sql } from "drizzle-orm";
import { type Audience, audienceRoles } from "~/domain/annonces/annonce.labels";
import { findActiveUsersWithRoles, type Personne } from "~/domain/comptes/user.queries.server";
import { localParts, parseHeure } from "~/domain/presences/presence.rules";
import {
  CONTROLES_CONFORMITE,
  type ControleConformite,
  controleConformiteLabels,
  type Reseau,
} from "~/domain/profils/profil.labels";
import { DELAI_VERIFICATION_MOIS, normalizeProfil } from "~/domain/profils/profil.rules";
import type { PromeneurStatut } from "~/domain/promeneurs/promeneur.labels";
import type { Theme } from "~/domain/promeneurs/theme.labels";
import { slugBase } from "~/lib/text";
import type { Executor } from "~/server/db.server";
import {
  annonceDestinataires,
  annonces,
  communes,
  creneauxPresence,
  exceptionsPresence,
  parametresDepartement,
  profilsSociaux,
  promeneurs,
  promeneurTerritoires,
  structures,
  userRoles,
  verificationsProfil,
} from "../schema";

/**
 * The network part of the fictional 04 demo (DESIGN §8): employer charters, nine promeneurs with
 * their territory, social profiles and verifications, presence hours, the département's checklist
 * and two announcements. Every person, handle and address here is invented.
 *
 * Dates of the lifecycle are fixed (2025); verifications, the holiday and the announcements are
 * placed relative to the seeding instant `now`, so that statuses ("conforme", "à vérifier") read the
 * same whenever the demo is loaded.
 */

const DAY_MS = 86_400_000;
const DEPARTEMENT = "04";

/** A calendar day of 2025, as an instant in the middle of that day in Europe/Paris. */
function jour(date: string): Date {
  return new Date(`${date}T10:00:00Z`);
}

function ilYa(now: Date, jours: number): Date {
  return new Date(now.getTime() - jours * DAY_MS);
}

/** Employer charters: signed by 8 structures out of 10 (not by the Moyenne Durance service nor the Haut-Verdon EVS). */
export const DEMO_CHARTES: Record<string, { signeeLe: string; signataire: string }> = {
  "Centre social Les Trois Vallées": { signeeLe: "2025-01-20", signataire: "Nadine Roussel, directrice" },
  "Espace jeunes Durance Lumière": { signeeLe: "2025-01-16", signataire: "Julien Marchetti, directeur" },
  "Mission locale des Deux Rives (démo)": { signeeLe: "2025-01-27", signataire: "Sophie Delorme, directrice" },
  "Point Information Jeunesse du Plateau": { signeeLe: "2025-03-10", signataire: "Karim Haddad, directeur" },
  "Association Jeunesse Lure et Luberon": { signeeLe: "2025-02-17", signataire: "Élise Fournier, directrice" },
  "Maison des jeunes de l'Ubaye": { signeeLe: "2025-01-13", signataire: "Thomas Reynaud, directeur" },
  "PAEJ Plateau de Valensole": { signeeLe: "2025-04-07", signataire: "Isabelle Chabaud, directrice" },
  "Foyer Habitat Jeunes Bléone": { signeeLe: "2025-05-12", signataire: "Laurent Pellegrin, directeur" },
};

type DemoVerification = {
  /** How many days before `now`. */
  ilYaJours: number;
  resultat: "conforme" | "non_conforme";
  manquants?: ControleConformite[];
  commentaire?: string;
};

type DemoProfil = {
  reseau: Reseau;
  /** What the promeneur typed: a name or an address, read by `normalizeProfil`. */
  saisie: string;
  /** Oldest first; none = never verified. */
  verifications: DemoVerification[];
};

type DemoCreneau = { jour: 1 | 2 | 3 | 4 | 5 | 6 | 7; debut: string; fin: string; reseaux: Reseau[] };

type DemoPromeneur = {
  structure: string;
  prenom: string;
  nom: string;
  fonction: string;
  nomPublic: string;
  slug: string;
  bio: string;
  themes: Theme[];
  ageMin: number;
  ageMax: number;
  heuresHebdomadaires: number;
  statut: Extract<PromeneurStatut, "actif" | "suspendu" | "forme" | "propose">;
  /** Single communes (INSEE codes); `epciDe`: the whole EPCI of that commune, read from the database. */
  territoire: { communes?: string[]; epciDe?: string };
  /** Lifecycle dates (YYYY-MM-DD); a proposal without date was made `proposeIlYaJours` days ago. */
  dates: { propose?: string; charte?: string; formation?: string; entree?: string };
  proposeIlYaJours?: number;
  suspension?: { ilYaJours: number; motif: string };
  profils: DemoProfil[];
  creneaux: DemoCreneau[];
  /** The demo account promeneur@demo.pdn04.fr is this promeneur. */
  compteDemo?: boolean;
  /** A holiday starting `du` days after `now`, lasting until `au` days after it. */
  conges?: { du: number; au: number; motif: string };
};

const MANQUANTS_CLARA: ControleConformite[] = ["photo_identite", "identite_visuelle_pdn"];

export const DEMO_PROMENEURS: DemoPromeneur[] = [
  {
    structure: "Centre social Les Trois Vallées",
    prenom: "Sami",
    nom: "Roux",
    fonction: "Animateur jeunesse",
    nomPublic: "Sami – Centre social de Digne",
    slug: "sami-centre-social-digne",
    bio: "Animateur au centre social de Digne-les-Bains. Je réponds aux questions sur les loisirs, les projets de vacances et la vie en ligne, et j'oriente vers les bons interlocuteurs.",
    themes: ["loisirs", "projets", "risques_numeriques", "famille"],
    ageMin: 12,
    ageMax: 17,
    heuresHebdomadaires: 6,
    statut: "actif",
    territoire: { communes: ["04070", "04036", "04110", "04047"] },
    dates: { propose: "2025-02-03", charte: "2025-02-24", formation: "2025-03-13", entree: "2025-03-20" },
    profils: [
      {
        reseau: "instagram",
        saisie: "sami.pdn04",
        verifications: [
          {
            ilYaJours: 240,
            resultat: "non_conforme",
            manquants: ["identite_visuelle_pdn", "horaires_indiques"],
            commentaire: "Ajouter le logo Promeneurs du Net et les horaires de présence dans la bio.",
          },
          { ilYaJours: 62, resultat: "conforme" },
        ],
      },
      { reseau: "snapchat", saisie: "sami-pdn04", verifications: [{ ilYaJours: 62, resultat: "conforme" }] },
    ],
    creneaux: [
      { jour: 2, debut: "20:00", fin: "21:00", reseaux: ["snapchat"] },
      { jour: 3, debut: "14:00", fin: "17:00", reseaux: ["instagram", "snapchat"] },
      { jour: 5, debut: "17:30", fin: "19:00", reseaux: ["instagram"] },
    ],
    compteDemo: true,
  },
  {
    structure: "Centre social Les Trois Vallées",
    prenom: "Inès",
    nom: "Fabre",
    fonction: "Animatrice jeunesse",
    nomPublic: "Inès – Centre social de Digne",
    slug: "ines-centre-social-digne",
    bio: "Animatrice au centre social de Digne-les-Bains, j'accompagne les projets des collégiens et je réponds aux questions sur la scolarité et le bien-être.",
    themes: ["scolarite", "bien_etre", "loisirs"],
    ageMin: 12,
    ageMax: 17,
    heuresHebdomadaires: 4,
    statut: "propose",
    territoire: { communes: ["04070", "04001"] },
    dates: {},
    proposeIlYaJours: 9,
    profils: [{ reseau: "instagram", saisie: "ines_pdn_digne", verifications: [] }],
    creneaux: [],
  },
  {
    structure: "Espace jeunes Durance Lumière",
    prenom: "Léa",
    nom: "Morel",
    fonction: "Animatrice jeunesse",
    nomPublic: "Léa – Espace jeunes de Manosque",
    slug: "lea-espace-jeunes-manosque",
    bio: "Animatrice à l'espace jeunes de Manosque. Sorties, vie affective, bien-être, usages du numérique : on peut en parler, et je connais les relais du territoire.",
    themes: ["loisirs", "vie_affective", "bien_etre", "risques_numeriques"],
    ageMin: 12,
    ageMax: 20,
    heuresHebdomadaires: 5,
    statut: "actif",
    territoire: { communes: ["04112", "04152", "04242", "04245"] },
    dates: { propose: "2025-01-30", charte: "2025-02-20", formation: "2025-03-13", entree: "2025-03-24" },
    profils: [
      {
        reseau: "instagram",
        saisie: "lea_promeneuse_manosque",
        verifications: [{ ilYaJours: 31, resultat: "conforme" }],
      },
      { reseau: "tiktok", saisie: "@lea.pdn04", verifications: [{ ilYaJours: 31, resultat: "conforme" }] },
      {
        reseau: "discord",
        saisie: "https://discord.gg/pdn04-manosque",
        verifications: [{ ilYaJours: 98, resultat: "conforme" }],
      },
    ],
    creneaux: [
      { jour: 1, debut: "18:00", fin: "19:30", reseaux: ["instagram", "tiktok"] },
      { jour: 3, debut: "15:00", fin: "18:00", reseaux: ["instagram", "discord"] },
      { jour: 6, debut: "14:00", fin: "16:00", reseaux: ["discord"] },
    ],
    conges: { du: 20, au: 34, motif: "Congés" },
  },
  {
    structure: "Mission locale des Deux Rives (démo)",
    prenom: "Yanis",
    nom: "Bertrand",
    fonction: "Conseiller en insertion",
    nomPublic: "Yanis – Mission locale de Sisteron",
    slug: "yanis-mission-locale-sisteron",
    bio: "Conseiller en insertion à la mission locale de Sisteron : formation, emploi, logement, mobilité, droits. Posez vos questions, je vous aide à trouver la bonne démarche.",
    themes: ["formation_emploi", "logement", "mobilite", "droits"],
    ageMin: 16,
    ageMax: 25,
    heuresHebdomadaires: 4,
    statut: "actif",
    territoire: { epciDe: "04209" },
    dates: { propose: "2025-03-03", charte: "2025-03-24", formation: "2025-04-10", entree: "2025-04-22" },
    profils: [
      {
        reseau: "facebook",
        saisie: "https://www.facebook.com/pdn04.mission.locale.sisteron",
        verifications: [{ ilYaJours: 45, resultat: "conforme" }],
      },
      { reseau: "instagram", saisie: "yanis.pdn04", verifications: [{ ilYaJours: 45, resultat: "conforme" }] },
    ],
    creneaux: [
      { jour: 2, debut: "12:00", fin: "13:30", reseaux: ["facebook", "instagram"] },
      { jour: 4, debut: "17:00", fin: "19:00", reseaux: ["instagram"] },
    ],
  },
  {
    structure: "Point Information Jeunesse du Plateau",
    prenom: "Chloé",
    nom: "Mercier",
    fonction: "Informatrice jeunesse",
    nomPublic: "Chloé – Information jeunesse d'Oraison",
    slug: "chloe-information-jeunesse-oraison",
    bio: "Informatrice jeunesse au PIJ d'Oraison : orientation, jobs d'été, mobilité, projets. Je réponds en ligne et je peux vous recevoir au PIJ.",
    themes: ["scolarite", "formation_emploi", "mobilite", "projets"],
    ageMin: 13,
    ageMax: 25,
    heuresHebdomadaires: 3,
    statut: "actif",
    territoire: { communes: ["04143", "04034", "04116"] },
    dates: { propose: "2025-04-01", charte: "2025-04-22", formation: "2025-05-15", entree: "2025-05-26" },
    profils: [
      { reseau: "instagram", saisie: "pij.oraison", verifications: [{ ilYaJours: 20, resultat: "conforme" }] },
      { reseau: "snapchat", saisie: "pij-oraison04", verifications: [{ ilYaJours: 20, resultat: "conforme" }] },
    ],
    creneaux: [
      { jour: 3, debut: "13:30", fin: "16:00", reseaux: ["instagram", "snapchat"] },
      { jour: 4, debut: "18:00", fin: "19:00", reseaux: ["snapchat"] },
    ],
  },
  {
    structure: "Association Jeunesse Lure et Luberon",
    prenom: "Hugo",
    nom: "Lambert",
    fonction: "Animateur socioculturel",
    nomPublic: "Hugo – Jeunesse Lure et Luberon",
    slug: "hugo-lure-luberon-forcalquier",
    bio: "Animateur à Forcalquier et dans les villages alentour : loisirs, projets de jeunes, santé et prévention des conduites à risque.",
    themes: ["loisirs", "projets", "addictions", "sante"],
    ageMin: 12,
    ageMax: 25,
    heuresHebdomadaires: 4,
    statut: "actif",
    territoire: { communes: ["04088", "04106", "04111", "04178"] },
    dates: { propose: "2025-05-05", charte: "2025-05-26", formation: "2025-06-12", entree: "2025-06-23" },
    profils: [
      {
        reseau: "instagram",
        saisie: "hugo.promeneur.lureluberon",
        verifications: [{ ilYaJours: 76, resultat: "conforme" }],
      },
      // Verified seven months ago: « à vérifier » again.
      { reseau: "facebook", saisie: "pdn04.lure.luberon", verifications: [{ ilYaJours: 213, resultat: "conforme" }] },
    ],
    creneaux: [
      { jour: 2, debut: "17:00", fin: "18:30", reseaux: ["instagram"] },
      { jour: 5, debut: "20:00", fin: "22:00", reseaux: ["instagram", "facebook"] },
      { jour: 6, debut: "10:00", fin: "12:00", reseaux: ["facebook"] },
    ],
  },
  {
    structure: "PAEJ Plateau de Valensole",
    prenom: "Manon",
    nom: "Girard",
    fonction: "Éducatrice spécialisée",
    nomPublic: "Manon – PAEJ de Riez",
    slug: "manon-paej-riez",
    bio: "Éducatrice au point accueil écoute jeunes de Riez : mal-être, relations familiales, vie affective, consommations. Écoute confidentielle et orientation.",
    themes: ["bien_etre", "famille", "addictions", "vie_affective", "risques_numeriques"],
    ageMin: 12,
    ageMax: 25,
    heuresHebdomadaires: 6,
    statut: "actif",
    territoire: { communes: ["04166", "04230", "04172"] },
    dates: { propose: "2025-04-14", charte: "2025-05-05", formation: "2025-05-22", entree: "2025-06-02" },
    profils: [
      {
        reseau: "instagram",
        saisie: "paej.valensole",
        verifications: [{ ilYaJours: 112, resultat: "conforme" }],
      },
      { reseau: "tiktok", saisie: "paej_riez_pdn", verifications: [{ ilYaJours: 112, resultat: "conforme" }] },
    ],
    creneaux: [
      { jour: 1, debut: "16:30", fin: "18:30", reseaux: ["instagram", "tiktok"] },
      { jour: 3, debut: "18:00", fin: "20:00", reseaux: ["instagram"] },
      { jour: 4, debut: "21:00", fin: "22:30", reseaux: ["tiktok"] },
    ],
  },
  {
    structure: "Maison des jeunes de l'Ubaye",
    prenom: "Nathan",
    nom: "Faure",
    fonction: "Animateur jeunesse",
    nomPublic: "Nathan – Maison des jeunes de l'Ubaye",
    slug: "nathan-maison-jeunes-ubaye",
    bio: "Animateur à la maison des jeunes de Barcelonnette : sorties, activités de montagne, transports dans la vallée, jeux vidéo et usages du numérique.",
    themes: ["loisirs", "mobilite", "risques_numeriques"],
    ageMin: 12,
    ageMax: 17,
    heuresHebdomadaires: 3,
    statut: "suspendu",
    territoire: { epciDe: "04019" },
    dates: { propose: "2025-02-10", charte: "2025-03-03", formation: "2025-03-13", entree: "2025-03-24" },
    suspension: { ilYaJours: 40, motif: "Absence de longue durée : la mission reprendra à son retour." },
    profils: [
      { reseau: "instagram", saisie: "mj.ubaye", verifications: [{ ilYaJours: 130, resultat: "conforme" }] },
      {
        reseau: "discord",
        saisie: "https://discord.gg/pdn04-ubaye",
        verifications: [{ ilYaJours: 130, resultat: "conforme" }],
      },
    ],
    creneaux: [
      { jour: 3, debut: "14:00", fin: "16:00", reseaux: ["instagram", "discord"] },
      { jour: 6, debut: "15:00", fin: "17:00", reseaux: ["discord"] },
    ],
  },
  {
    structure: "Foyer Habitat Jeunes Bléone",
    prenom: "Clara",
    nom: "Vidal",
    fonction: "Conseillère en insertion sociale et professionnelle",
    nomPublic: "Clara – Foyer jeunes travailleurs de Digne",
    slug: "clara-foyer-jeunes-digne",
    bio: "Conseillère au foyer jeunes travailleurs de Digne-les-Bains : logement, droits, budget, premier emploi.",
    themes: ["logement", "droits", "formation_emploi", "sante"],
    ageMin: 16,
    ageMax: 25,
    heuresHebdomadaires: 3,
    statut: "forme",
    territoire: { communes: ["04070", "04108"] },
    dates: { propose: "2025-09-08", charte: "2025-09-29", formation: "2025-10-16" },
    // Trained, but her only profile is not conforming yet: she cannot be activated.
    profils: [
      {
        reseau: "instagram",
        saisie: "fjt.bleone",
        verifications: [
          {
            ilYaJours: 10,
            resultat: "non_conforme",
            manquants: MANQUANTS_CLARA,
            commentaire: "Mettre une photo professionnelle et le visuel Promeneurs du Net en photo de couverture.",
          },
        ],
      },
    ],
    creneaux: [],
  },
];

const DEMO_ANNONCES = [
  {
    titre: "Vérification des profils : ce que la coordination regarde",
    corps:
      "Bonjour à toutes et à tous,\n\nLa coordination vérifie chaque profil au moins tous les six mois. Pour qu'un profil soit conforme : un compte distinct de votre compte personnel, une photo, votre prénom, le nom de votre structure, le visuel Promeneurs du Net, vos horaires de présence et un lien vers la charte.\n\nPensez à tenir vos horaires à jour dans votre espace, ils sont affichés sur l'annuaire public.\n\nCamille, coordination départementale",
    audience: "tous" as const,
    ilYaJours: 21,
    luParPromeneurIlYaJours: 20,
  },
  {
    titre: "Fiche réflexe : harcèlement en ligne",
    corps:
      "Bonjour,\n\nUne fiche réflexe sur le harcèlement en ligne est disponible dans les ressources du réseau : écouter, conserver les preuves sans les diffuser, orienter vers le 3018 (appel, tchat ou application), signaler à Pharos un contenu illicite.\n\nNous en parlerons au prochain temps d'analyse de pratiques.\n\nCamille, coordination départementale",
    audience: "promeneurs" as const,
    ilYaJours: 3,
    luParPromeneurIlYaJours: null,
  },
];

function normalized(reseau: Reseau, saisie: string): { handle: string; url: string } {
  const result = normalizeProfil(reseau, saisie);
  if (!result.ok) throw new Error(`demo profile ${reseau} « ${saisie} » refused: ${result.message}`);
  return { handle: result.handle, url: result.url };
}

function minutes(heure: string): number {
  const value = parseHeure(heure);
  if (value === null) throw new Error(`demo slot time « ${heure} » unreadable`);
  return value;
}

function controles(manquants: readonly ControleConformite[]) {
  return CONTROLES_CONFORMITE.map((code) => ({
    code,
    libelle: controleConformiteLabels[code],
    ok: !manquants.includes(code),
  }));
}

export type DemoAccounts = { coordinateur: string; promeneur: string; referent: string };

/**
 * Loads the network into a database that holds the demo structures and accounts and no promeneur
 * of 04 yet. Runs inside the caller's transaction; batched (one insert per table).
 * Returns false, writing nothing, when a demo structure is missing (renamed or deleted) or when a
 * demo slug or handle is already taken.
 */
export async function seedDemoReseau(tx: Executor, accounts: DemoAccounts, now: Date): Promise<boolean> {
  const noms = [...new Set(DEMO_PROMENEURS.map((p) => p.structure).concat(Object.keys(DEMO_CHARTES)))];
  const rows = await tx
    .select({ id: structures.id, nom: structures.nom, email: structures.email })
    .from(structures)
    .where(and(eq(structures.departement, DEPARTEMENT), inArray(structures.nom, noms)));
  const structureByNom = new Map(rows.map((r) => [r.nom, r]));
  if (noms.some((nom) => !structureByNom.has(nom))) return false;
  const structureOf = (nom: string) => {
    const row = structureByNom.get(nom);
    if (!row) throw new Error(`demo structure « ${nom} » missing`);
    return row;
  };

  // Slugs and handles are unique across the deployment: never collide with someone else's.
  const takenSlugs = await tx
    .select({ id: promeneurs.id })
    .from(promeneurs)
    .where(
      inArray(
        promeneurs.slug,
        DEMO_PROMENEURS.map((p) => p.slug),
      ),
    );
  const demoHandles = DEMO_PROMENEURS.flatMap((p) => p.profils.map((pr) => normalized(pr.reseau, pr.saisie).handle));
  const takenHandles = await tx
    .select({ id: profilsSociaux.id })
    .from(profilsSociaux)
    .where(
      inArray(
        sql`lower(${profilsSociaux.handle})`,
        demoHandles.map((h) => h.toLowerCase()),
      ),
    );
  if (takenSlugs.length > 0 || takenHandles.length > 0) return false;

  const [referentRole] = await tx
    .select({ structureId: userRoles.structureId })
    .from(userRoles)
    .where(and(eq(userRoles.userId, accounts.referent), eq(userRoles.role, "referent")));

  // Employer charters, in one statement.
  const chartes = Object.entries(DEMO_CHARTES).map(
    ([nom, c]) =>
      sql`(${structureOf(nom).id}::uuid, ${jour(c.signeeLe).toISOString()}::timestamptz, ${c.signataire}::text)`,
  );
  await tx.execute(sql`
    update ${structures}
    set charte_signee_le = v.signee_le, charte_signataire = v.signataire, updated_at = ${now.toISOString()}::timestamptz
    from (values ${sql.join(chartes, sql`, `)}) as v(id, signee_le, signataire)
    where ${structures.id} = v.id`);

  // The département's settings (kept when a coordinator already set them); the checklist keeps its defaults.
  await tx
    .insert(parametresDepartement)
    .values({ departement: DEPARTEMENT, delaiVerificationMois: DELAI_VERIFICATION_MOIS })
    .onConflictDoNothing();

  // Promeneurs.
  const inserted = await tx
    .insert(promeneurs)
    .values(
      DEMO_PROMENEURS.map((p) => {
        const structure = structureOf(p.structure);
        const domaine = structure.email?.split("@")[1] ?? "structure.demo.pdn04.fr";
        const proposeLe = p.dates.propose ? jour(p.dates.propose) : ilYa(now, p.proposeIlYaJours ?? 0);
        const charteSigneeLe = p.dates.charte ? jour(p.dates.charte) : null;
        const formationInitialeLe = p.dates.formation ? jour(p.dates.formation) : null;
        const entreeLe = p.dates.entree ? jour(p.dates.entree) : null;
        const statutDepuis = p.suspension
          ? ilYa(now, p.suspension.ilYaJours)
          : (entreeLe ?? formationInitialeLe ?? proposeLe);
        return {
          departement: DEPARTEMENT,
          structureId: structure.id,
          userId: p.compteDemo ? accounts.promeneur : null,
          prenom: p.prenom,
          nom: p.nom,
          // Lower-case ASCII, as a public address: "Inès" → "ines".
          email: `${slugBase(p.prenom)}.${slugBase(p.nom)}@${domaine}`,
          fonction: p.fonction,
          nomPublic: p.nomPublic,
          slug: p.slug,
          bio: p.bio,
          themes: p.themes,
          ageMin: p.ageMin,
          ageMax: p.ageMax,
          heuresHebdomadaires: p.heuresHebdomadaires,
          statut: p.statut,
          statutDepuis,
          motifStatut: p.suspension?.motif ?? null,
          proposePar: structure.id === referentRole?.structureId ? accounts.referent : accounts.coordinateur,
          proposeLe,
          charteSigneeLe,
          formationInitialeLe,
          entreeLe,
          createdAt: proposeLe,
          updatedAt: statutDepuis,
        };
      }),
    )
    .returning({ id: promeneurs.id, slug: promeneurs.slug });
  const idBySlug = new Map(inserted.map((r) => [r.slug, r.id]));
  const idOf = (p: DemoPromeneur) => {
    const id = idBySlug.get(p.slug);
    if (!id) throw new Error(`demo promeneur ${p.slug} not inserted`);
    return id;
  };

  // Territories: single communes, and whole EPCI read from the communes table.
  const epciDe = DEMO_PROMENEURS.flatMap((p) => (p.territoire.epciDe ? [p.territoire.epciDe] : []));
  const wanted = DEMO_PROMENEURS.flatMap((p) => p.territoire.communes ?? []).concat(epciDe);
  const known = await tx
    .select({ code: communes.code, epciSiren: communes.epciSiren })
    .from(communes)
    .where(inArray(communes.code, [...new Set(wanted)]));
  const communeByCode = new Map(known.map((c) => [c.code, c]));
  const territoires = DEMO_PROMENEURS.flatMap((p) => {
    const promeneurId = idOf(p);
    const rowsOfCommunes = (p.territoire.communes ?? [])
      .filter((code) => communeByCode.has(code))
      .map((code) => ({ promeneurId, communeCode: code, epciSiren: null }));
    const siren = p.territoire.epciDe ? communeByCode.get(p.territoire.epciDe)?.epciSiren : null;
    return siren ? [...rowsOfCommunes, { promeneurId, communeCode: null, epciSiren: siren }] : rowsOfCommunes;
  });
  if (territoires.length > 0) await tx.insert(promeneurTerritoires).values(territoires);

  // Social profiles, with the latest verification repeated on the row.
  const profils = DEMO_PROMENEURS.flatMap((p) =>
    p.profils.map((profil) => {
      const derniere = profil.verifications.at(-1);
      return {
        departement: DEPARTEMENT,
        promeneurId: idOf(p),
        reseau: profil.reseau,
        ...normalized(profil.reseau, profil.saisie),
        derniereVerificationLe: derniere ? ilYa(now, derniere.ilYaJours) : null,
        dernierResultat: derniere?.resultat ?? null,
        createdAt: jour(p.dates.propose ?? "2025-01-01"),
        updatedAt: derniere ? ilYa(now, derniere.ilYaJours) : now,
      };
    }),
  );
  const profilRows = await tx
    .insert(profilsSociaux)
    .values(profils)
    .returning({ id: profilsSociaux.id, reseau: profilsSociaux.reseau, handle: profilsSociaux.handle });
  const profilId = (reseau: Reseau, saisie: string) => {
    const { handle } = normalized(reseau, saisie);
    const row = profilRows.find((r) => r.reseau === reseau && r.handle === handle);
    if (!row) throw new Error(`demo profile ${reseau} ${handle} not inserted`);
    return row.id;
  };
  const verifications = DEMO_PROMENEURS.flatMap((p) =>
    p.profils.flatMap((profil) =>
      profil.verifications.map((v) => {
        const manquants = v.manquants ?? [];
        return {
          departement: DEPARTEMENT,
          profilId: profilId(profil.reseau, profil.saisie),
          verifieLe: ilYa(now, v.ilYaJours),
          verifiePar: accounts.coordinateur,
          resultat: v.resultat,
          controles: controles(manquants),
          // One label per line, as the verification command stores them.
          manques: manquants.length > 0 ? manquants.map((code) => controleConformiteLabels[code]).join("\n") : null,
          commentaire: v.commentaire ?? null,
        };
      }),
    ),
  );
  if (verifications.length > 0) await tx.insert(verificationsProfil).values(verifications);

  // Presence hours and one holiday.
  const creneaux = DEMO_PROMENEURS.flatMap((p) =>
    p.creneaux.map((c) => ({
      promeneurId: idOf(p),
      jour: c.jour,
      debut: minutes(c.debut),
      fin: minutes(c.fin),
      reseaux: c.reseaux,
    })),
  );
  if (creneaux.length > 0) await tx.insert(creneauxPresence).values(creneaux);
  const conges = DEMO_PROMENEURS.flatMap((p) =>
    p.conges
      ? [
          {
            promeneurId: idOf(p),
            du: localParts(new Date(now.getTime() + p.conges.du * DAY_MS)).date,
            au: localParts(new Date(now.getTime() + p.conges.au * DAY_MS)).date,
            motif: p.conges.motif,
          },
        ]
      : [],
  );
  if (conges.length > 0) await tx.insert(exceptionsPresence).values(conges);

  // Announcements from the coordinator, to the accounts holding the audience's roles in 04 (the
  // same people as the announcement command would reach).
  const recipients = await findActiveUsersWithRoles(tx, { departement: DEPARTEMENT, roles: audienceRoles.tous });
  const annonceRows = await tx
    .insert(annonces)
    .values(
      DEMO_ANNONCES.map((a) => ({
        departement: DEPARTEMENT,
        titre: a.titre,
        corps: a.corps,
        audience: a.audience,
        auteurId: accounts.coordinateur,
        publieeLe: ilYa(now, a.ilYaJours),
        destinataires: destinatairesOf(recipients, a.audience).length,
      })),
    )
    .returning({ id: annonces.id, titre: annonces.titre });
  const destinataires = DEMO_ANNONCES.flatMap((a) => {
    const annonceId = annonceRows.find((r) => r.titre === a.titre)?.id;
    if (!annonceId) throw new Error(`demo annonce « ${a.titre} » not inserted`);
    return destinatairesOf(recipients, a.audience).map((userId) => ({
      annonceId,
      userId,
      luLe:
        userId === accounts.promeneur && a.luParPromeneurIlYaJours !== null
          ? ilYa(now, a.luParPromeneurIlYaJours)
          : null,
    }));
  });
  if (destinataires.length > 0) await tx.insert(annonceDestinataires).values(destinataires);
  return true;
}

function destinatairesOf(recipients: Personne[], audience: Audience): string[] {
  const roles: readonly string[] = audienceRoles[audience];
  return [...new Set(recipients.filter((r) => roles.includes(r.role)).map((r) => r.userId))];
}
