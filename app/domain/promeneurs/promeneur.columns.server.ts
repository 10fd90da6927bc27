import { promeneurs } from "@db/schema";

// Column sets several queries select. A leaf module: the profile and promeneur queries import each
// other, so a constant shared between them lives here.

/** What a promeneur's permission checks read (département, structure, account, status), and the name. */
export const promeneurAccesColumns = {
  id: promeneurs.id,
  departement: promeneurs.departement,
  structureId: promeneurs.structureId,
  userId: promeneurs.userId,
  statut: promeneurs.statut,
  prenom: promeneurs.prenom,
  nom: promeneurs.nom,
};

/** How a list names a promeneur: civil name, public name, function. */
export const promeneurNomsColumns = {
  id: promeneurs.id,
  prenom: promeneurs.prenom,
  nom: promeneurs.nom,
  nomPublic: promeneurs.nomPublic,
  fonction: promeneurs.fonction,
};
