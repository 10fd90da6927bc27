import crypto from "node:crypto";
import path from "node:path";
import {
  actionsCommunication,
  actualites,
  annonces,
  appels,
  auditLog,
  budgetJustificatifs,
  budgetLignes,
  budgets,
  candidaturePieces,
  candidatures,
  comites,
  decisions,
  fichiers,
  generationsRapportAnnuel,
  medias,
  messagesContact,
  numerosAide,
  pagesPubliques,
  profilsSociaux,
  projetsJeunes,
  promeneurs,
  rapportsMensuels,
  regroupementDocuments,
  regroupements,
  ressources,
  situationsPreoccupantes,
  structures,
  userRoles,
  users,
} from "@db/schema";
import { seedDemoIfEmpty } from "@db/seed/demo";
import { DEMO_EVALUATEUR } from "@db/seed/demo-appels";
import type { RouteConfigEntry } from "@react-router/dev/routes";
import { and, count, eq, isNotNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { creerJetonCalendrier } from "~/domain/regroupements/calendrier.commands.server";
import routeConfig from "~/routes";
import { getDb } from "~/server/db.server";
import { insertActor } from "./support/acteurs";
import { actorOf, contextFor, type Outcome, outcome, postRequest } from "./support/route";

/**
 * The authorisation matrix: every loader and every action of every route of app/routes.ts, called
 * in-process (as the existing route tests do, without the layouts' middleware, so that each
 * loader and action proves it checks its own rights) by each role of the policy, an anonymous
 * visitor and the coordinator of another département, on real rows of the 04 demo.
 *
 * A route added to app/routes.ts without its line in EXPECTED fails here, as does a loader or an
 * action added to a route without its column.
 */

/** The columns of every line of EXPECTED, in this order. */
const PROFILS = [
  "anonyme",
  "coordinateur",
  "copil",
  "referent",
  "promeneur",
  "evaluateur",
  "national",
  "coordinateur05",
] as const;
type Profil = (typeof PROFILS)[number];

type Expected = {
  get?: string;
  post?: string;
  /**
   * The form posted, over `departement=04`: for actions that read and validate it before the
   * command checks the rights, a valid one, so that a refusal is the command's and not a 400.
   * `{name}` is the fixture of that name.
   */
  form?: Record<string, string>;
};

/** Every profile gets it (public pages). */
const OUVERT = "200 200 200 200 200 200 200 200";

/**
 * Route id → the status each profile gets, in the order of PROFILS, for GET (the loader) and POST
 * (the action):
 *
 *              anonyme  coordinateur  copil  référent  promeneur  évaluateur  national  coordinateur 05
 *   get/post:  "302     200           200    403       403        403         200       404"
 *
 * Every request asks for `?departement=04` and posts `departement=04` (plus `form`, if any). Rows
 * are the 04 demo's: the referent's own structure, the promeneur's own record, reports, situations
 * and projects, the reviewer's assigned application, a committee the COPIL member sits on. A
 * visitor is sent to the sign-in page (302); another département's rows and pages answer 404 (out
 * of scope) or 403 (a role that never does that), never 200 with 04's data.
 */
const EXPECTED: Record<string, Expected> = {
  // Public site, its sign-in and token pages: open to all (a route's own rules apart).
  "routes/public/_layout": { get: OUVERT },
  "routes/public/accueil": { get: OUVERT },
  "routes/public/promeneurs": { get: OUVERT },
  "routes/public/promeneurs.$slug": { get: OUVERT },
  "routes/public/promeneurs.$slug.photo": { get: OUVERT },
  "routes/public/carte": { get: OUVERT },
  "routes/public/actualites": { get: OUVERT },
  "routes/public/actualites.$slug": { get: OUVERT },
  "routes/public/pages.$slug": { get: OUVERT },
  "routes/public/medias.$id": { get: OUVERT },
  "routes/public/medias.$id.petite": { get: OUVERT },
  "routes/public/agenda": { get: OUVERT },
  "routes/public/ressources": { get: OUVERT },
  "routes/public/ressources.$id.fichier": { get: OUVERT },
  "routes/public/devenir-promeneur": { get: OUVERT },
  "routes/public/besoin-d-aide": { get: OUVERT },
  "routes/public/contact": { post: "400 400 400 400 400 400 400 400" },
  "routes/public/charte": { get: OUVERT },
  "routes/public/appels": { get: OUVERT },
  "routes/public/appels.connexion.$jeton": { get: OUVERT, post: "410 410 410 410 410 410 410 410" },
  "routes/public/appels.$slug": { get: OUVERT, post: "400 400 400 400 400 400 400 400" },
  // Without an applicant's session, everyone is sent to the applicants' sign-in; their pieces are theirs alone.
  "routes/public/appels.$slug.candidature": {
    get: "302 302 302 302 302 302 302 302",
    post: "302 302 302 302 302 302 302 302",
  },
  "routes/public/appels.$slug.candidature.pieces.$pieceId": { get: "404 404 404 404 404 404 404 404" },
  "routes/public/mentions-legales": { get: OUVERT },
  "routes/public/confidentialite": { get: OUVERT },
  "routes/public/accessibilite": { get: OUVERT },
  "routes/public/plan-du-site": { get: OUVERT },
  // Signed-in accounts are sent to their home page.
  "routes/auth/connexion": { get: "200 302 302 302 302 302 302 302", post: "400 400 400 400 400 400 400 400" },
  "routes/auth/connexion.verification": {
    get: "302 302 302 302 302 302 302 302",
    post: "302 302 302 302 302 302 302 302",
  },
  "routes/auth/mot-de-passe-oublie": { post: "400 400 400 400 400 400 400 400" },
  "routes/auth/reinitialiser.$token": { get: OUVERT, post: "400 400 400 400 400 400 400 400" },
  "routes/auth/invitation.$token": { get: OUVERT, post: "400 400 400 400 400 400 400 400" },
  // Token pages with an unknown token: the same answer for everyone.
  "routes/public/reponse.$jeton": { get: "404 404 404 404 404 404 404 404", post: "400 400 400 400 400 400 400 400" },
  "routes/auth/deconnexion": { get: "302 302 302 302 302 302 302 302", post: "302 302 302 302 302 302 302 302" },
  // Back-office.
  // The layout, the account and the calendar address are every account's own (no 04 data for the 05 coordinator).
  "routes/espace/_layout": { get: "302 200 200 200 200 200 200 200" },
  "routes/espace/index": { get: "302 302 302 302 302 302 302 302" },
  "routes/espace/coordination": { get: "302 200 403 403 403 403 403 404" },
  "routes/espace/promeneur": { get: "302 403 403 403 200 403 403 403" },
  "routes/espace/structure": { get: "302 403 403 200 403 403 403 403" },
  "routes/espace/pilotage": { get: "302 200 200 403 403 403 200 404" },
  "routes/espace/evaluations": { get: "302 403 403 403 403 200 403 403" },
  "routes/espace/national": { get: "302 403 403 403 403 403 200 403" },
  "routes/espace/compte": { get: "302 200 200 200 200 200 200 200", post: "302 400 400 400 400 400 400 400" },
  "routes/espace/calendrier": { get: "302 200 200 200 200 200 200 200", post: "302 400 400 400 400 400 400 400" },
  // Everyone's own data; erasing someone else is the coordination's, in its département (no `form`: the
  // confirmation is missing, so an allowed coordinator gets 400 and nobody is erased).
  "routes/espace/mes-donnees": { get: "302 200 200 200 200 200 200 200" },
  "routes/espace/mes-donnees.export": { get: "302 200 200 200 200 200 200 200" },
  "routes/espace/donnees-personnelles": { get: "302 200 403 403 403 403 403 404" },
  "routes/espace/donnees-personnelles.$userId": {
    get: "302 200 403 403 403 403 403 404",
    post: "302 400 403 403 403 403 403 404",
  },
  // The register is the same text for every département: it shows nothing of the 04.
  "routes/espace/registre": { get: "302 200 200 403 403 403 403 200" },
  // Inviting or creating in 04 as the 05 coordinator: 403 here (requirePermission with the form's département), where
  // the other creation forms answer 404 (requireScoped).
  "routes/espace/equipe": {
    get: "302 200 403 403 403 403 200 404",
    post: "302 302 403 403 403 403 302 403",
    form: { email: "invitee-matrice@essai.pdn.fr", nom: "Invitée Matrice", role: "copil" },
  },
  // A referent is sent to their own structure.
  "routes/espace/structures": { get: "302 200 403 302 403 403 200 404" },
  "routes/espace/territoire": { get: "302 200 200 403 403 403 200 404" },
  "routes/espace/journal": { get: "302 200 403 403 403 403 200 404" },
  // The outbox exists in demo mode only (off in tests).
  "routes/espace/outbox": { get: "302 404 403 403 403 403 403 404" },
  "routes/espace/structures.nouvelle": {
    get: "302 200 403 403 403 403 403 404",
    post: "302 302 403 403 403 403 403 403",
    form: { nom: "Maison des jeunes de la matrice", type: "accueil_jeunes", communeCode: "04070" },
  },
  "routes/espace/structures.$id": { get: "302 200 200 200 403 403 200 404" },
  "routes/espace/structures.$id.modifier": {
    get: "302 200 403 200 403 403 403 404",
    post: "302 400 403 400 403 403 403 404",
  },
  "routes/espace/structures.$id.charte": {
    get: "302 200 403 200 403 403 403 404",
    post: "302 400 403 400 403 403 403 404",
  },
  "routes/espace/structures.$id.charte.document": { get: "302 200 200 200 404 404 200 404" },
  "routes/espace/promeneurs": { get: "302 200 403 200 403 403 200 404" },
  "routes/espace/promeneurs.proposer": {
    get: "302 403 403 200 403 403 403 403",
    post: "302 403 403 400 403 403 403 403",
  },
  "routes/espace/promeneurs.$id": {
    get: "302 200 404 200 404 404 200 404",
    post: "302 400 404 403 404 404 403 404",
    form: { intent: "accepter", date: "2026-01-15" },
  },
  "routes/espace/promeneurs.$id.modifier": {
    get: "302 200 404 200 404 404 403 404",
    post: "302 400 404 400 404 404 403 404",
  },
  "routes/espace/promeneurs.$id.territoire": {
    get: "302 200 404 200 200 404 200 404",
    post: "302 302 404 403 302 404 403 404",
    form: { intent: "retirer-commune", communeCode: "04019" },
  },
  "routes/espace/promeneurs.$id.profils": {
    get: "302 200 404 200 200 404 200 404",
    post: "302 400 404 403 400 404 403 404",
  },
  "routes/espace/promeneurs.$id.horaires": {
    get: "302 200 404 200 200 404 200 404",
    post: "302 400 404 403 400 404 403 404",
  },
  "routes/espace/promeneurs.$id.fiche": {
    get: "302 200 404 200 200 404 200 404",
    post: "302 400 404 403 400 404 403 404",
  },
  "routes/espace/promeneurs.$id.photo": { get: "302 200 404 200 200 404 200 404" },
  "routes/espace/profils.$profilId": {
    get: "302 200 404 200 200 404 200 404",
    post: "302 400 404 403 400 404 403 404",
  },
  "routes/espace/profils.$profilId.verifier": {
    get: "302 200 404 403 403 404 403 404",
    post: "302 302 404 403 403 404 403 404",
  },
  "routes/espace/conformite": { get: "302 200 403 403 403 403 200 404" },
  "routes/espace/conformite.reglages": {
    get: "302 200 403 403 403 403 403 404",
    post: "302 400 403 403 403 403 403 404",
  },
  "routes/espace/annuaire": { get: "302 200 403 200 200 403 403 404" },
  "routes/espace/annonces": { get: "302 200 403 200 200 403 403 404" },
  "routes/espace/annonces.nouvelle": {
    get: "302 200 403 403 403 403 403 404",
    post: "302 302 403 403 403 403 403 404",
    form: { titre: "Annonce de la matrice", audience: "tous", corps: "Réunion du réseau jeudi." },
  },
  // An announcement to the promeneurs only: not the referent's.
  "routes/espace/annonces.$id": { get: "302 200 403 404 200 403 403 404" },
  "routes/espace/import": { get: "302 200 403 403 403 403 403 404", post: "302 400 403 403 403 403 403 404" },
  "routes/espace/export.$liste": { get: "302 200 403 403 403 403 200 404" },
  "routes/espace/messages": { get: "302 200 403 403 403 403 403 404" },
  "routes/espace/messages.$id": {
    get: "302 200 403 403 403 403 403 404",
    post: "302 302 403 403 403 403 403 404",
    form: { intent: "desarchiver" },
  },
  "routes/espace/audience": { get: "302 200 200 403 403 403 200 404" },
  "routes/espace/contenus": { get: "302 200 403 403 403 403 403 404" },
  "routes/espace/contenus.actualites": { get: "302 200 403 403 403 403 403 404" },
  "routes/espace/contenus.actualites.nouvelle": {
    get: "302 200 403 403 403 403 403 404",
    post: "302 302 403 403 403 403 403 404",
    form: {
      titre: "Actualité de la matrice",
      resume: "Une actualité écrite par la matrice.",
      corps: "Du texte.",
      statut: "brouillon",
    },
  },
  "routes/espace/contenus.actualites.$id": {
    get: "302 200 403 403 403 403 403 404",
    post: "302 400 403 403 403 403 403 404",
  },
  "routes/espace/contenus.medias": {
    get: "302 200 403 403 403 403 403 404",
    post: "302 400 403 403 403 403 403 404",
    form: { alt: "Une image sans fichier" },
  },
  "routes/espace/contenus.pages": { get: "302 200 403 403 403 403 403 404" },
  "routes/espace/contenus.pages.nouvelle": {
    get: "302 200 403 403 403 403 403 404",
    post: "302 302 403 403 403 403 403 404",
    form: { slug: "page-de-la-matrice", titre: "Page de la matrice" },
  },
  "routes/espace/contenus.pages.$slug": {
    get: "302 200 403 403 403 403 403 404",
    post: "302 200 403 403 403 403 403 404",
    form: {
      intent: "apercu",
      titre: "Nos partenaires",
      description: "Les partenaires du réseau départemental.",
      corps: "La CAF et la MSA.",
      statut: "publie",
    },
  },
  "routes/espace/numeros": { get: "302 200 403 403 403 403 200 404" },
  "routes/espace/numeros.nouveau": { get: "302 200 403 403 403 403 200 404", post: "302 400 403 403 403 403 400 404" },
  "routes/espace/numeros.$id": { get: "302 200 403 403 403 403 200 404", post: "302 400 403 403 403 403 400 404" },
  "routes/espace/mes-rapports": { get: "302 403 403 403 200 403 403 403" },
  // A validated month: the promeneur's own, locked (409).
  "routes/espace/mes-rapports.$mois": {
    get: "302 403 403 403 200 403 403 403",
    post: "302 403 403 403 409 403 403 403",
  },
  "routes/espace/rapports": { get: "302 200 403 200 403 403 403 404" },
  "routes/espace/rapports.export": { get: "302 200 403 403 403 403 403 404" },
  "routes/espace/rapports.retards": { get: "302 200 403 403 403 403 403 404" },
  // Validating an already validated report: a conflict for the coordination (409).
  "routes/espace/rapports.$id": {
    get: "302 200 403 200 403 403 403 404",
    post: "302 409 403 403 403 403 403 404",
    form: { intent: "valider", version: "1" },
  },
  "routes/espace/situations": { get: "302 200 403 403 200 403 403 404" },
  "routes/espace/situations.nouvelle": {
    get: "302 403 403 403 200 403 403 403",
    post: "302 403 403 403 400 403 403 403",
  },
  "routes/espace/situations.$id": { get: "302 200 403 403 200 403 403 404", post: "302 403 403 403 400 403 403 404" },
  "routes/espace/ressources": { get: "302 200 403 200 200 403 403 404" },
  "routes/espace/ressources.nouvelle": {
    get: "302 200 403 403 403 403 403 404",
    post: "302 400 403 403 403 403 403 404",
  },
  "routes/espace/ressources.$id": { get: "302 200 403 403 403 403 403 404", post: "302 400 403 403 403 403 403 404" },
  "routes/espace/ressources.$id.fichier": { get: "302 200 403 200 200 403 403 404" },
  "routes/espace/projets": { get: "302 200 403 200 200 403 403 404" },
  "routes/espace/projets.nouveau": { get: "302 403 403 403 200 403 403 403", post: "302 403 403 403 400 403 403 403" },
  "routes/espace/projets.$id": { get: "302 200 403 200 200 403 403 404", post: "302 403 403 403 400 403 403 403" },
  "routes/espace/communication": { get: "302 200 200 403 403 403 200 404" },
  "routes/espace/communication.nouvelle": {
    get: "302 200 403 403 403 403 403 404",
    post: "302 400 403 403 403 403 403 404",
  },
  "routes/espace/communication.$id": {
    get: "302 200 403 403 403 403 403 404",
    post: "302 400 403 403 403 403 403 404",
  },
  // Answering the invitation to the first gathering with documents: only the COPIL member is invited (and may
  // no longer answer, 400); the others are not (404).
  "routes/espace/regroupements": {
    get: "302 200 200 200 200 403 403 404",
    post: "302 404 400 404 404 403 403 404",
    form: { regroupementId: "{regroupementId}", reponse: "oui" },
  },
  "routes/espace/regroupements.nouveau": {
    get: "302 200 403 403 403 403 403 404",
    post: "302 400 403 403 403 403 403 404",
  },
  "routes/espace/regroupements.$id": {
    get: "302 200 200 404 404 403 403 404",
    post: "302 400 400 404 404 403 403 404",
  },
  "routes/espace/regroupements.$id.modifier": {
    get: "302 200 403 404 404 403 403 404",
    post: "302 400 403 404 404 403 403 404",
  },
  "routes/espace/regroupements.$id.presences": {
    get: "302 200 403 403 403 403 403 404",
    post: "302 400 403 403 403 403 403 404",
  },
  "routes/espace/participation": { get: "302 200 200 403 403 403 200 404", post: "302 400 403 403 403 403 403 404" },
  "routes/espace/regroupements.$id.documents": {
    get: "302 200 200 404 404 403 403 404",
    post: "302 400 403 403 403 403 403 404",
  },
  "routes/espace/regroupements.$id.documents.$documentId": { get: "302 200 200 404 404 403 403 404" },
  "routes/espace/regroupements.$id.decisions": {
    get: "302 200 200 403 403 403 403 404",
    post: "302 400 403 403 403 403 403 404",
  },
  "routes/espace/comites": { get: "302 200 200 403 403 403 403 404" },
  "routes/espace/comites.nouveau": { get: "302 200 403 403 403 403 403 404", post: "302 400 403 403 403 403 403 404" },
  "routes/espace/comites.$id": { get: "302 200 200 403 403 403 403 404", post: "302 400 403 403 403 403 403 404" },
  "routes/espace/decisions.$id": { get: "302 200 200 403 403 403 403 404", post: "302 400 403 403 403 403 403 404" },
  "routes/espace/indicateurs": { get: "302 200 200 403 403 403 200 404" },
  "routes/espace/rapport-annuel": { get: "302 200 200 403 403 403 200 404", post: "302 302 302 403 403 403 302 404" },
  "routes/espace/rapport-annuel.fichiers.$generationId.$format": { get: "302 200 200 403 403 403 200 404" },
  "routes/espace/budget": { get: "302 200 200 403 403 403 200 404", post: "302 400 403 403 403 403 403 404" },
  "routes/espace/budget.$annee": { get: "302 200 200 403 403 403 200 404", post: "302 400 403 403 403 403 403 404" },
  "routes/espace/budget.$annee.versements": {
    get: "302 200 200 403 403 403 200 404",
    post: "302 400 403 403 403 403 403 404",
  },
  "routes/espace/budget.$annee.bilan.$format": { get: "302 200 200 403 403 403 200 404" },
  "routes/espace/budget.$annee.justificatifs.$id": { get: "302 200 200 403 403 403 200 404" },
  "routes/espace/appels": { get: "302 200 200 403 403 403 403 404" },
  "routes/espace/appels.nouveau": { get: "302 200 200 403 403 403 403 404", post: "302 400 400 403 403 403 403 404" },
  "routes/espace/appels.pieces.$pieceId": { get: "302 200 200 404 404 200 404 404" },
  "routes/espace/appels.$id": { get: "302 200 200 403 403 403 403 404", post: "302 400 400 403 403 403 403 404" },
  "routes/espace/appels.$id.modifier": {
    get: "302 200 200 403 403 403 403 404",
    post: "302 400 400 403 403 403 403 404",
  },
  "routes/espace/appels.$id.export.$format": { get: "302 200 200 403 403 403 403 404" },
  "routes/espace/appels.$id.candidatures.$candidatureId": {
    get: "302 200 200 403 403 403 403 404",
    post: "302 400 400 403 403 403 403 404",
  },
  "routes/espace/evaluations.$candidatureId": {
    get: "302 403 403 403 403 200 403 403",
    post: "302 403 403 403 403 302 403 403",
  },
  // Resource routes (files and feeds).
  "routes/ressources/sitemap.xml": { get: OUVERT },
  "routes/ressources/calendrier.$fichier": { get: OUVERT },
  "routes/ressources/agenda.ics": { get: OUVERT },
  "routes/ressources/agenda.$fichier": { get: OUVERT },
  "routes/ressources/actualites.atom": { get: OUVERT },
  "routes/ressources/robots.txt": { get: OUVERT },
  "routes/public/introuvable": { get: "404 404 404 404 404 404 404 404" },
};

type Fixtures = Awaited<ReturnType<typeof loadFixtures>>;

/** The URL parameters of each route, from the fixtures' ids (only routes with parameters). */
function paramsFor(id: string, f: Fixtures): Record<string, string> {
  const all: Record<string, Record<string, string>> = {
    "routes/public/promeneurs.$slug": { slug: f.promeneurSlug },
    "routes/public/promeneurs.$slug.photo": { slug: f.promeneurSlug },
    "routes/public/actualites.$slug": { slug: f.actualiteSlug },
    "routes/public/pages.$slug": { slug: f.pageSlug },
    "routes/public/medias.$id": { id: f.mediaId },
    "routes/public/medias.$id.petite": { id: f.mediaId },
    "routes/public/ressources.$id.fichier": { id: f.ressourcePubliqueId },
    "routes/public/appels.connexion.$jeton": { jeton: f.jetonInconnu },
    "routes/public/appels.$slug": { slug: f.appelSlug },
    "routes/public/appels.$slug.candidature": { slug: f.appelSlug },
    "routes/public/appels.$slug.candidature.pieces.$pieceId": { slug: f.appelSlug, pieceId: f.pieceId },
    "routes/auth/reinitialiser.$token": { token: f.jetonInconnu },
    "routes/auth/invitation.$token": { token: f.jetonInconnu },
    "routes/public/reponse.$jeton": { jeton: f.jetonInconnu },
    "routes/espace/structures.$id": { id: f.structureId },
    "routes/espace/structures.$id.modifier": { id: f.structureId },
    "routes/espace/structures.$id.charte": { id: f.structureId },
    "routes/espace/structures.$id.charte.document": { id: f.structureId },
    "routes/espace/promeneurs.$id": { id: f.promeneurId },
    "routes/espace/promeneurs.$id.modifier": { id: f.promeneurId },
    "routes/espace/promeneurs.$id.territoire": { id: f.promeneurId },
    "routes/espace/promeneurs.$id.profils": { id: f.promeneurId },
    "routes/espace/promeneurs.$id.horaires": { id: f.promeneurId },
    "routes/espace/promeneurs.$id.fiche": { id: f.promeneurId },
    "routes/espace/promeneurs.$id.photo": { id: f.promeneurId },
    "routes/espace/profils.$profilId": { profilId: f.profilId },
    "routes/espace/profils.$profilId.verifier": { profilId: f.profilId },
    "routes/espace/annonces.$id": { id: f.annonceId },
    "routes/espace/export.$liste": { liste: "promeneurs" },
    "routes/espace/messages.$id": { id: f.messageId },
    "routes/espace/donnees-personnelles.$userId": { userId: f.referentUserId },
    "routes/espace/contenus.actualites.$id": { id: f.actualiteId },
    "routes/espace/contenus.pages.$slug": { slug: f.pageSlug },
    "routes/espace/numeros.$id": { id: f.numeroId },
    "routes/espace/mes-rapports.$mois": { mois: f.rapportMois },
    "routes/espace/rapports.$id": { id: f.rapportId },
    "routes/espace/situations.$id": { id: f.situationId },
    "routes/espace/ressources.$id": { id: f.ressourceReseauId },
    "routes/espace/ressources.$id.fichier": { id: f.ressourceReseauId },
    "routes/espace/projets.$id": { id: f.projetId },
    "routes/espace/communication.$id": { id: f.communicationId },
    "routes/espace/regroupements.$id": { id: f.regroupementId },
    "routes/espace/regroupements.$id.modifier": { id: f.regroupementId },
    "routes/espace/regroupements.$id.presences": { id: f.regroupementId },
    "routes/espace/regroupements.$id.documents": { id: f.regroupementId },
    "routes/espace/regroupements.$id.documents.$documentId": { id: f.regroupementId, documentId: f.documentId },
    "routes/espace/regroupements.$id.decisions": { id: f.regroupementId },
    "routes/espace/comites.$id": { id: f.comiteId },
    "routes/espace/decisions.$id": { id: f.decisionId },
    "routes/espace/rapport-annuel.fichiers.$generationId.$format": { generationId: f.generationId, format: "pdf" },
    "routes/espace/budget.$annee": { annee: f.budgetAnnee },
    "routes/espace/budget.$annee.versements": { annee: f.budgetAnnee },
    "routes/espace/budget.$annee.bilan.$format": { annee: f.budgetAnnee, format: "xlsx" },
    "routes/espace/budget.$annee.justificatifs.$id": { annee: f.budgetAnnee, id: f.justificatifId },
    "routes/espace/appels.pieces.$pieceId": { pieceId: f.pieceId },
    "routes/espace/appels.$id": { id: f.appelId },
    "routes/espace/appels.$id.modifier": { id: f.appelId },
    "routes/espace/appels.$id.export.$format": { id: f.appelId, format: "xlsx" },
    "routes/espace/appels.$id.candidatures.$candidatureId": { id: f.appelId, candidatureId: f.candidatureId },
    "routes/espace/evaluations.$candidatureId": { candidatureId: f.candidatureId },
    "routes/ressources/calendrier.$fichier": { fichier: `${f.jetonCalendrier}.ics` },
    "routes/ressources/agenda.$fichier": { fichier: `${f.regroupementPublicId}.ics` },
    "routes/public/introuvable": { "*": "nulle-part" },
  };
  return all[id] ?? {};
}

type Route = { id: string; path: string; file: string };
type Handler = (args: never) => unknown;
type RouteModule = { loader?: Handler; action?: Handler };

/** The routes of app/routes.ts, flattened, with their full path and the id React Router gives them. */
function flatten(entries: RouteConfigEntry[], parent = ""): Route[] {
  return entries.flatMap((entry) => {
    const full = [parent, entry.path ?? ""].filter(Boolean).join("/");
    const own = { id: entry.id ?? entry.file.replace(/\.[jt]sx?$/, ""), path: `/${full}`, file: entry.file };
    return [own, ...flatten(entry.children ?? [], full)];
  });
}

function urlOf(route: Route, params: Record<string, string>): string {
  return route.path.replace(/:(\w+)|\*/g, (token, name?: string) => {
    const value = params[name ?? "*"];
    if (value === undefined) throw new Error(`${route.id} : paramètre ${token} sans valeur`);
    return encodeURIComponent(value).replace(/%2F/g, "/");
  });
}

const routes = flatten(routeConfig);
const modules = new Map<string, RouteModule>();
const actors = {} as Record<Profil, Actor | null>;
let fixtures: Fixtures;
/** Ids of 04 rows that must never reach the coordinator of 05. */
let secrets: string[] = [];
let ipSequence = 0;

async function call(route: Route, method: "GET" | "POST", profil: Profil): Promise<Outcome> {
  const module = modules.get(route.id);
  const handler = method === "GET" ? module?.loader : module?.action;
  if (!handler) throw new Error(`${route.id} : pas de ${method === "GET" ? "loader" : "action"}`);
  const params = paramsFor(route.id, fixtures);
  // Every page is asked for département 04: a coordinator of 05 must not get it.
  const url = `${urlOf(route, params)}?departement=04`;
  ipSequence += 1;
  const form: Record<string, string> = { departement: "04" };
  for (const [name, value] of Object.entries(EXPECTED[route.id]?.form ?? {})) {
    form[name] = value.replace(/\{(\w+)\}/g, (_, key: string) => (fixtures as Record<string, string>)[key] ?? "");
  }
  const request = method === "GET" ? new Request(`http://localhost:3000${url}`) : postRequest(url, form);
  const context = contextFor(actors[profil], { ip: `198.51.${Math.floor(ipSequence / 250)}.${ipSequence % 250}` });
  try {
    return await outcome(() => handler({ request, context, params } as never));
  } catch (error) {
    throw new Error(`${method} ${url} (${profil}) : ${(error as Error).stack ?? String(error)}`);
  }
}

/** A refusal: out of scope, not for this role, or a visitor sent to sign in. */
function isRefus(profil: Profil, status: string): boolean {
  return status === "403" || status === "404" || (profil === "anonyme" && status === "302");
}

async function auditCount(): Promise<number> {
  const [row] = await getDb().select({ n: count() }).from(auditLog);
  return row?.n ?? 0;
}

function textOf(result: Outcome): string {
  return typeof result.data === "string" ? result.data : (JSON.stringify(result.data) ?? "");
}

async function first<T>(rows: Promise<T[]>, what: string): Promise<T> {
  const [row] = await rows;
  if (!row) throw new Error(`pas de ${what} dans la démo`);
  return row;
}

async function userId(email: string): Promise<string> {
  return (await first(getDb().select({ id: users.id }).from(users).where(eq(users.email, email)), email)).id;
}

/** A tiny file row of 04, for the rows the demo has no file for. */
async function insertFichier(nom: string, typeMime: string, contenu: Buffer): Promise<string> {
  const sha256 = crypto.createHash("sha256").update(contenu).digest("hex");
  const [row] = await getDb()
    .insert(fichiers)
    .values({ departement: "04", nom, typeMime, taille: contenu.length, sha256, contenu })
    .returning({ id: fichiers.id });
  if (!row) throw new Error("fichier");
  return row.id;
}

beforeAll(async () => {
  for (const route of routes) {
    modules.set(
      route.id,
      (await import(/* @vite-ignore */ path.resolve(import.meta.dirname, "../app", route.file))) as RouteModule,
    );
  }
  fixtures = await loadFixtures();
  secrets = [
    fixtures.promeneurId,
    fixtures.profilId,
    fixtures.rapportId,
    fixtures.situationId,
    fixtures.projetId,
    fixtures.messageId,
    fixtures.candidatureId,
    fixtures.documentId,
    fixtures.decisionId,
    fixtures.justificatifId,
  ];
}, 120_000);

/** The 04 demo, the actors of every profile, and the rows the matrix asks for. */
async function loadFixtures() {
  const db = getDb();
  await seedDemoIfEmpty(db, new Date());

  const coordinateurId = await userId("coordination@demo.pdn04.fr");
  const promeneurUserId = await userId("promeneur@demo.pdn04.fr");
  const referentUserId = await userId("structure@demo.pdn04.fr");
  actors.anonyme = null;
  actors.coordinateur = await actorOf(coordinateurId);
  actors.copil = await actorOf(await userId("copil@demo.pdn04.fr"));
  actors.referent = await actorOf(referentUserId);
  actors.promeneur = await actorOf(promeneurUserId);
  actors.evaluateur = await actorOf(await userId(DEMO_EVALUATEUR.email));
  actors.national = await insertActor(db, { role: "national" });
  actors.coordinateur05 = await insertActor(db, { role: "coordinateur", departement: "05" });

  const referentGrant = await first(
    db.select({ structureId: userRoles.structureId }).from(userRoles).where(eq(userRoles.userId, referentUserId)),
    "rôle du référent",
  );
  const promeneur = await first(
    db.select().from(promeneurs).where(eq(promeneurs.userId, promeneurUserId)),
    "promeneur de démonstration",
  );
  const profil = await first(
    db
      .select({ id: profilsSociaux.id })
      .from(profilsSociaux)
      .where(eq(profilsSociaux.promeneurId, promeneur.id))
      .orderBy(profilsSociaux.reseau, profilsSociaux.handle),
    "profil",
  );
  const annonce = await first(
    db.select({ id: annonces.id }).from(annonces).where(eq(annonces.departement, "04")).orderBy(annonces.titre),
    "annonce",
  );
  const rapport = await first(
    db
      .select({ id: rapportsMensuels.id, mois: rapportsMensuels.mois })
      .from(rapportsMensuels)
      .where(and(eq(rapportsMensuels.promeneurId, promeneur.id), eq(rapportsMensuels.statut, "valide")))
      .orderBy(rapportsMensuels.mois),
    "bilan",
  );
  const situation = await first(
    db
      .select({ id: situationsPreoccupantes.id })
      .from(situationsPreoccupantes)
      .where(eq(situationsPreoccupantes.promeneurId, promeneur.id))
      .orderBy(situationsPreoccupantes.date, situationsPreoccupantes.categorie, situationsPreoccupantes.note),
    "situation",
  );
  const projet = await first(
    db
      .select({ id: projetsJeunes.id })
      .from(projetsJeunes)
      .where(eq(projetsJeunes.promeneurId, promeneur.id))
      .orderBy(projetsJeunes.titre),
    "projet",
  );
  const communication = await first(
    db
      .select({ id: actionsCommunication.id })
      .from(actionsCommunication)
      .where(eq(actionsCommunication.departement, "04"))
      .orderBy(actionsCommunication.date, actionsCommunication.titre),
    "action de communication",
  );
  const document = await first(
    db
      .select({ id: regroupementDocuments.id, regroupementId: regroupementDocuments.regroupementId })
      .from(regroupementDocuments)
      .innerJoin(regroupements, eq(regroupements.id, regroupementDocuments.regroupementId))
      .where(eq(regroupements.departement, "04"))
      .orderBy(regroupements.debut, regroupementDocuments.titre),
    "document de regroupement",
  );
  const regroupementPublic = await first(
    db
      .select({ id: regroupements.id })
      .from(regroupements)
      .where(and(eq(regroupements.departement, "04"), eq(regroupements.audience, "public")))
      .orderBy(regroupements.debut),
    "regroupement public",
  );
  // A decision of the COPIL, where the demo's steering member sits.
  const decision = await first(
    db
      .select({ id: decisions.id, comiteId: decisions.comiteId })
      .from(decisions)
      .innerJoin(comites, eq(comites.id, decisions.comiteId))
      .where(and(eq(decisions.departement, "04"), eq(comites.type, "comite_pilotage")))
      .orderBy(decisions.texte),
    "décision",
  );
  const comite = await first(
    db
      .select({ id: comites.id })
      .from(comites)
      .where(eq(comites.id, decision.comiteId ?? "")),
    "comité",
  );
  const numero = await first(
    db
      .select({ id: numerosAide.id })
      .from(numerosAide)
      .where(eq(numerosAide.departement, "04"))
      .orderBy(numerosAide.nom),
    "numéro local",
  );
  const actualite = await first(
    db
      .select({ id: actualites.id, slug: actualites.slug })
      .from(actualites)
      .where(and(eq(actualites.departement, "04"), eq(actualites.statut, "publie")))
      .orderBy(actualites.slug),
    "actualité",
  );
  const ressourcePublique = await first(
    db
      .select({ id: ressources.id })
      .from(ressources)
      .where(and(eq(ressources.departement, "04"), eq(ressources.public, true), isNotNull(ressources.fichierId)))
      .orderBy(ressources.titre),
    "ressource publique",
  );
  const ressourceReseau = await first(
    db
      .select({ id: ressources.id })
      .from(ressources)
      .where(and(eq(ressources.departement, "04"), eq(ressources.public, false), isNotNull(ressources.fichierId)))
      .orderBy(ressources.titre),
    "ressource du réseau",
  );
  const candidature = await first(
    db
      .select({ id: candidatures.id, appelId: candidatures.appelId, slug: appels.slug })
      .from(candidatures)
      .innerJoin(appels, eq(appels.id, candidatures.appelId))
      .where(and(eq(candidatures.departement, "04"), eq(appels.type, "recrutement")))
      .orderBy(candidatures.structureNom),
    "candidature",
  );
  const piece = await first(
    db
      .select({ id: candidaturePieces.id })
      .from(candidaturePieces)
      .where(eq(candidaturePieces.candidatureId, candidature.id))
      .orderBy(candidaturePieces.documentCode, candidaturePieces.nom),
    "pièce",
  );
  const budget = await first(
    db
      .select({ id: budgets.id, annee: budgets.annee })
      .from(budgets)
      .where(eq(budgets.departement, "04"))
      .orderBy(budgets.annee),
    "budget",
  );
  const ligne = await first(
    db
      .select({ id: budgetLignes.id })
      .from(budgetLignes)
      .where(eq(budgetLignes.budgetId, budget.id))
      .orderBy(budgetLignes.ordre, budgetLignes.code),
    "ligne de budget",
  );

  // What the demo does not hold: an image, a free page, a supporting document, an annual report's
  // files, a contact message, a calendar address.
  const image = await insertFichier("image.webp", "image/webp", Buffer.from("RIFF\0\0\0\0WEBPVP8 "));
  const [media] = await db
    .insert(medias)
    .values({ departement: "04", fichierId: image, fichierPetitId: image, largeur: 10, hauteur: 10 })
    .returning({ id: medias.id });
  await db.insert(pagesPubliques).values({
    departement: "04",
    slug: "partenaires",
    titre: "Nos partenaires",
    description: "Les partenaires du réseau.",
    corps: "La CAF et la MSA.",
  });
  const justificatifFichier = await insertFichier("facture.pdf", "application/pdf", Buffer.from("%PDF-1.4\n%%EOF\n"));
  const [justificatif] = await db
    .insert(budgetJustificatifs)
    .values({ ligneId: ligne.id, fichierId: justificatifFichier })
    .returning({ id: budgetJustificatifs.id });
  const rapportPdf = await insertFichier("rapport.pdf", "application/pdf", Buffer.from("%PDF-1.4\n%%EOF\n"));
  const [generation] = await db
    .insert(generationsRapportAnnuel)
    .values({
      departement: "04",
      annee: budget.annee,
      vue: "agregee",
      etat: "terminee",
      progression: 100,
      pdfId: rapportPdf,
      demandePar: coordinateurId,
      termineLe: new Date(),
    })
    .returning({ id: generationsRapportAnnuel.id });
  const [message] = await db
    .insert(messagesContact)
    .values({
      departement: "04",
      nom: "Une maman",
      email: "parent@essai.pdn.fr",
      qualite: "parent",
      objet: "Question",
      message: "Bonjour, comment joindre un promeneur ?",
    })
    .returning({ id: messagesContact.id });
  await db
    .update(structures)
    .set({ charteDocumentId: justificatifFichier })
    .where(eq(structures.id, referentGrant.structureId ?? ""));
  await db.update(promeneurs).set({ photoId: image }).where(eq(promeneurs.id, promeneur.id));
  const { jeton } = await creerJetonCalendrier(
    { db, now: new Date(), requestId: "test" },
    actors.coordinateur as Actor,
  );

  return {
    referentUserId,
    structureId: referentGrant.structureId ?? "",
    promeneurId: promeneur.id,
    promeneurSlug: promeneur.slug,
    profilId: profil.id,
    annonceId: annonce.id,
    rapportId: rapport.id,
    rapportMois: rapport.mois,
    situationId: situation.id,
    projetId: projet.id,
    communicationId: communication.id,
    regroupementId: document.regroupementId,
    documentId: document.id,
    regroupementPublicId: regroupementPublic.id,
    comiteId: comite.id,
    decisionId: decision.id,
    numeroId: numero.id,
    actualiteId: actualite.id,
    actualiteSlug: actualite.slug,
    pageSlug: "partenaires",
    mediaId: media?.id ?? "",
    messageId: message?.id ?? "",
    ressourcePubliqueId: ressourcePublique.id,
    ressourceReseauId: ressourceReseau.id,
    appelId: candidature.appelId,
    appelSlug: candidature.slug,
    candidatureId: candidature.id,
    pieceId: piece.id,
    budgetAnnee: String(budget.annee),
    justificatifId: justificatif?.id ?? "",
    generationId: generation?.id ?? "",
    jetonCalendrier: jeton,
    jetonInconnu: "jeton-inconnu-0000000000000000",
  };
}

describe("matrice des autorisations", () => {
  it("a une ligne pour chaque route de app/routes.ts, et une colonne pour chacun de ses loaders et actions", () => {
    const manquantes: string[] = [];
    for (const route of routes) {
      const module = modules.get(route.id);
      const expected = EXPECTED[route.id];
      if (!expected) {
        manquantes.push(`${route.id} : aucune attente dans la matrice`);
        continue;
      }
      if (Boolean(module?.loader) !== Boolean(expected.get)) manquantes.push(`${route.id} : loader et « get »`);
      if (Boolean(module?.action) !== Boolean(expected.post)) manquantes.push(`${route.id} : action et « post »`);
    }
    const ids = new Set(routes.map((r) => r.id));
    for (const id of Object.keys(EXPECTED)) if (!ids.has(id)) manquantes.push(`${id} : n'est plus une route`);
    expect(manquantes).toEqual([]);
  });

  it("répond à chaque profil ce que la matrice attend, sans rien écrire pour qui n'a pas le droit", async () => {
    const ecarts: string[] = [];
    for (const route of routes) {
      const expected = EXPECTED[route.id];
      if (!expected) continue; // the first test names it
      for (const method of ["GET", "POST"] as const) {
        const attendus = (method === "GET" ? expected.get : expected.post)?.split(/\s+/);
        if (!attendus) continue;
        const obtenus: string[] = [];
        for (const [i, profil] of PROFILS.entries()) {
          const refus = isRefus(profil, attendus[i] ?? "");
          const before = method === "POST" && refus ? await auditCount() : 0;
          const result = await call(route, method, profil);
          obtenus.push(String(result.status));
          if (method === "POST" && refus && (await auditCount()) !== before) {
            ecarts.push(`POST ${route.id} (${profil}) : refusé, mais une ligne de journal a été écrite`);
          }
          if (profil === "anonyme" && result.status === 302 && route.id.startsWith("routes/espace/")) {
            if (!result.location?.startsWith("/connexion?retour=")) {
              ecarts.push(`${method} ${route.id} (${profil}) : renvoyé vers ${result.location}, pas vers la connexion`);
            }
          }
          if (profil === "coordinateur05" && result.status === 200 && route.id.startsWith("routes/espace/")) {
            const text = textOf(result);
            const fuite = secrets.find((id) => id && text.includes(id));
            if (fuite) ecarts.push(`${method} ${route.id} (${profil}) : montre une ligne du 04 (${fuite})`);
          }
        }
        if (obtenus.join(" ") !== attendus.join(" ")) {
          ecarts.push(`${method} ${route.id} : attendu "${attendus.join(" ")}", obtenu "${obtenus.join(" ")}"`);
        }
      }
    }
    expect(ecarts).toEqual([]);
  }, 120_000);
});
