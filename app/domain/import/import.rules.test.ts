import { describe, expect, it } from "vitest";
import { entetes, IMPORT_MAX_LIGNES, PROMENEUR_COLONNES, STRUCTURE_COLONNES } from "./import.columns";
import {
  analyseImport,
  decodeCsv,
  detectSeparateur,
  type ImportAnalyse,
  type ImportReference,
  matchEntetes,
  minuitParis,
  type PromeneurImporte,
  parseJour,
  readCsv,
  type StructureImportee,
} from "./import.rules";

const now = new Date("2026-11-29T10:00:00Z");

const ref: ImportReference = {
  departement: "04",
  communes: [
    { code: "04070", nom: "Digne-les-Bains", codesPostaux: ["04000"] },
    { code: "04112", nom: "Manosque", codesPostaux: ["04100"] },
    { code: "04116", nom: "Mézel", codesPostaux: ["04270"] },
    { code: "04901", nom: "Saint-Martin", codesPostaux: [] },
    { code: "04902", nom: "Saint Martin", codesPostaux: [] },
  ],
  epci: [{ siren: "200067437", nom: "Provence Alpes Agglomération" }],
  structures: [
    { id: "11111111-1111-4111-8111-111111111111", nom: "Centre social La Marelle", statut: "active", commune: "Digne" },
    { id: "22222222-2222-4222-8222-222222222222", nom: "MJC de Manosque", statut: "active", commune: "Manosque" },
    { id: "33333333-3333-4333-8333-333333333333", nom: "Foyer fermé", statut: "inactive", commune: "Mézel" },
  ],
  emailsPromeneurs: ["deja@pdn.fr"],
};

const utf8 = (text: string) => new TextEncoder().encode(text);

const STRUCTURE_HEADER =
  "nom;type;siret;adresse;code_postal;commune;telephone;email;charte_signee_le;charte_signataire;statut";
const structureLine = (overrides: Partial<Record<string, string>> = {}) => {
  const values: Record<string, string> = {
    nom: "Espace jeunes de Mézel",
    type: "accueil_jeunes",
    siret: "123 456 789 00015",
    adresse: "1 place de la Mairie",
    code_postal: "04270",
    commune: "04116",
    telephone: "04 92 00 00 00",
    email: "ej@mezel.fr",
    charte_signee_le: "15/01/2024",
    charte_signataire: "Marie Durand",
    statut: "active",
    ...overrides,
  };
  return STRUCTURE_HEADER.split(";")
    .map((h) => values[h] ?? "")
    .join(";");
};

const PROMENEUR_HEADER =
  "prenom;nom;email;telephone;fonction;structure;heures_hebdomadaires;statut;nom_public;charte_signee_le;formation_initiale_le;entree_le;sortie_le;motif;communes;epci";
const promeneurLine = (overrides: Partial<Record<string, string>> = {}) => {
  const values: Record<string, string> = {
    prenom: "Léa",
    nom: "Martin",
    email: "lea.martin@lamarelle.fr",
    telephone: "06 12 34 56 78",
    fonction: "Animatrice",
    structure: "Centre social La Marelle",
    heures_hebdomadaires: "4,5",
    statut: "actif",
    nom_public: "",
    charte_signee_le: "01/02/2024",
    formation_initiale_le: "2024-02-15",
    entree_le: "01/03/2024",
    sortie_le: "",
    motif: "",
    communes: "04070|Manosque",
    epci: "",
    ...overrides,
  };
  return PROMENEUR_HEADER.split(";")
    .map((h) => values[h] ?? "")
    .join(";");
};

function structures(...lines: string[]) {
  return analyseImport("structures", utf8([STRUCTURE_HEADER, ...lines].join("\n")), ref, now) as ImportAnalyse & {
    lignes: StructureImportee[];
  };
}

function promeneurs(...lines: string[]) {
  return analyseImport("promeneurs", utf8([PROMENEUR_HEADER, ...lines].join("\n")), ref, now) as ImportAnalyse & {
    lignes: PromeneurImporte[];
  };
}

describe("lecture du fichier", () => {
  it("retire le BOM UTF-8", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("nom;type\n")]);
    expect(decodeCsv(bytes)).toEqual({ texte: "nom;type\n", encodage: "utf-8" });
  });

  it("lit un fichier Windows-1252 (CSV d'Excel) quand les octets ne sont pas de l'UTF-8", () => {
    // "Prénom;Mézel" in Windows-1252: é = 0xE9.
    const bytes = new Uint8Array([0x50, 0x72, 0xe9, 0x6e, 0x6f, 0x6d, 0x3b, 0x4d, 0xe9, 0x7a, 0x65, 0x6c]);
    expect(decodeCsv(bytes)).toEqual({ texte: "Prénom;Mézel", encodage: "windows-1252" });
  });

  it("lit l'UTF-16 avec BOM (texte Unicode d'Excel)", () => {
    const text = "nom;é";
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    [...text].forEach((c, i) => {
      bytes[2 + i * 2] = c.charCodeAt(0) & 0xff;
      bytes[3 + i * 2] = c.charCodeAt(0) >> 8;
    });
    expect(decodeCsv(bytes)).toEqual({ texte: "nom;é", encodage: "utf-16" });
  });

  it("détecte le séparateur de la ligne d'en-tête, sans compter ce qui est entre guillemets", () => {
    expect(detectSeparateur("nom;type;commune\n1,2,3,4,5")).toBe(";");
    expect(detectSeparateur("nom,type,commune\n1;2;3;4;5")).toBe(",");
    expect(detectSeparateur('"a;b;c;d",x,y\n')).toBe(",");
    expect(detectSeparateur("nom\ttype\tcommune")).toBe("\t");
    expect(detectSeparateur("nom")).toBe(";");
  });

  it("accepte un fichier séparé par des virgules", () => {
    const csv = [STRUCTURE_HEADER.replaceAll(";", ","), structureLine().replaceAll(";", ",")].join("\r\n");
    const result = analyseImport("structures", utf8(csv), ref, now);
    expect(result.erreurs).toEqual([]);
    expect(result.lignes).toHaveLength(1);
  });

  it("numérote les lignes comme le tableur, lignes vides et cellules sur plusieurs lignes comprises", () => {
    const lecture = readCsv(utf8('nom;type\nA;x\n\n"B\nsuite";y\nC;z\n'));
    expect(lecture.ok && lecture.table.lignes.map((l) => l.numero)).toEqual([2, 4, 5]);
  });

  it("signale un guillemet jamais refermé", () => {
    const lecture = readCsv(utf8('nom;type\nA;x\n"B;y\n'));
    expect(lecture.ok).toBe(false);
    expect(!lecture.ok && lecture.erreurs[0]?.message).toMatch(/Un guillemet ouvert n'est jamais refermé/);
  });

  it("reconnaît un classeur XLSX envoyé à la place d'un CSV", () => {
    const lecture = readCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect(!lecture.ok && lecture.erreurs[0]?.message).toMatch(/classeur Excel ou LibreOffice/);
  });

  it("refuse un fichier vide ou sans ligne de données", () => {
    expect(analyseImport("structures", new Uint8Array(), ref, now).erreurs).toEqual([
      { ligne: null, colonne: null, message: "Le fichier est vide." },
    ]);
    expect(analyseImport("structures", utf8(`${STRUCTURE_HEADER}\n\n`), ref, now).erreurs[0]?.message).toMatch(
      /Le fichier ne contient que la ligne d'en-tête/,
    );
  });

  it(`refuse plus de ${IMPORT_MAX_LIGNES} lignes sans rien vérifier d'autre`, () => {
    const lines = Array.from({ length: IMPORT_MAX_LIGNES + 1 }, (_, i) => structureLine({ nom: `S${i}` }));
    const result = structures(...lines);
    expect(result.erreurs).toEqual([
      {
        ligne: null,
        colonne: null,
        message: "Le fichier compte 5001 lignes de données : la limite est de 5000, découpez-le en plusieurs fichiers.",
      },
    ]);
    expect(result.lignes).toEqual([]);
  });

  it("refuse un fichier de plus de 2 Mo", () => {
    const big = new Uint8Array(2 * 1024 * 1024 + 1).fill(0x61);
    expect(analyseImport("structures", big, ref, now).erreurs[0]?.message).toMatch(/dépasse 2 Mo/);
  });
});

describe("ligne d'en-tête", () => {
  it("reconnaît les colonnes sans majuscules, accents ni ponctuation, dans n'importe quel ordre", () => {
    const { index, erreurs } = matchEntetes(
      ["Prénom", "NOM", "E-mail", "Fonction", "Structure", "Heures hebdomadaires", "Statut", "Entrée le"],
      "promeneurs",
    );
    expect(erreurs).toEqual([]);
    expect(index.get("prenom")).toBe(0);
    expect(index.get("email")).toBe(2);
    expect(index.get("heures_hebdomadaires")).toBe(5);
    expect(index.get("entree_le")).toBe(7);
  });

  it("nomme chaque colonne obligatoire absente, en ligne 1", () => {
    const result = analyseImport("structures", utf8("nom;siret\nA;1"), ref, now);
    expect(result.erreurs).toEqual([
      { ligne: 1, colonne: "type", message: "La colonne obligatoire « type » est absente de la ligne d'en-tête." },
      {
        ligne: 1,
        colonne: "commune",
        message: "La colonne obligatoire « commune » est absente de la ligne d'en-tête.",
      },
    ]);
  });

  it("suggère de vérifier le type choisi quand le fichier est de l'autre sorte", () => {
    const result = analyseImport("structures", utf8(`${PROMENEUR_HEADER}\n${promeneurLine()}`), ref, now);
    expect(result.erreurs[0]?.message).toMatch(/ressemble à un fichier de promeneurs, vérifiez le type choisi/);
  });

  it("refuse une colonne en double et ignore une colonne inconnue en le disant", () => {
    const { erreurs, avertissements } = matchEntetes(["nom", "type", "commune", "Nom", "Remarques"], "structures");
    expect(erreurs).toEqual([
      {
        ligne: 1,
        colonne: "nom",
        message: "Cette colonne figure deux fois dans la ligne d'en-tête : gardez-en une seule.",
      },
    ]);
    expect(avertissements).toEqual(["La colonne « Remarques » n'est pas reconnue : elle est ignorée."]);
  });

  it("documente les mêmes colonnes que celles des modèles", () => {
    expect(entetes("structures")).toEqual(STRUCTURE_COLONNES.map((c) => c.nom));
    expect(entetes("promeneurs")).toEqual(PROMENEUR_COLONNES.map((c) => c.nom));
    expect(STRUCTURE_HEADER.split(";")).toEqual(entetes("structures"));
    expect(PROMENEUR_HEADER.split(";")).toEqual(entetes("promeneurs"));
  });
});

describe("valeurs", () => {
  it("lit les dates JJ/MM/AAAA et AAAA-MM-JJ et refuse les dates impossibles", () => {
    expect(parseJour("05/03/2024")).toBe("2024-03-05");
    expect(parseJour("5/3/2024")).toBe("2024-03-05");
    expect(parseJour("2024-03-05")).toBe("2024-03-05");
    expect(parseJour("31/02/2024")).toBeNull();
    expect(parseJour("2024/03/05")).toBeNull();
    expect(parseJour("05/03/24")).toBeNull();
  });

  it("enregistre une date à minuit, heure de Paris, en hiver comme en été", () => {
    expect(minuitParis("2024-01-15").toISOString()).toBe("2024-01-14T23:00:00.000Z");
    expect(minuitParis("2024-07-01").toISOString()).toBe("2024-06-30T22:00:00.000Z");
  });

  it("lit les heures avec une virgule ou un point, par demi-heures, comme le formulaire", () => {
    const heures = (value: string) =>
      promeneurs(promeneurLine({ heures_hebdomadaires: value })).lignes[0]?.heuresHebdomadaires ?? null;
    expect(heures("4,5")).toBe(4.5);
    expect(heures("4.5")).toBe(4.5);
    expect(heures("7")).toBe(7);
    expect(heures("4,50")).toBe(4.5);
    expect(heures("4,25")).toBeNull();
    expect(heures("quatre")).toBeNull();
  });
});

describe("fichier des structures", () => {
  it("lit une ligne valide", () => {
    const result = structures(structureLine());
    expect(result.erreurs).toEqual([]);
    expect(result.lignes).toEqual([
      {
        ligne: 2,
        nom: "Espace jeunes de Mézel",
        type: "accueil_jeunes",
        siret: "12345678900015",
        adresse: "1 place de la Mairie",
        codePostal: "04270",
        communeCode: "04116",
        telephone: "04 92 00 00 00",
        email: "ej@mezel.fr",
        charteSigneeLe: new Date("2024-01-14T23:00:00.000Z"),
        charteSignataire: "Marie Durand",
        statut: "active",
      },
    ]);
  });

  it("accepte le libellé du type et le nom de la commune sans accents ni majuscules, statut actif par défaut", () => {
    const result = structures(structureLine({ type: "centre SOCIAL", commune: "mezel", statut: "" }));
    expect(result.erreurs).toEqual([]);
    expect(result.lignes[0]).toMatchObject({ type: "centre_social", communeCode: "04116", statut: "active" });
  });

  it("retrouve un code INSEE dont Excel a retiré le zéro initial", () => {
    const result = structures(structureLine({ commune: "4070", code_postal: "4000" }));
    expect(result.erreurs).toEqual([]);
    expect(result.lignes[0]).toMatchObject({ communeCode: "04070", codePostal: "04000" });
  });

  it("retire l'apostrophe anti-formule des exports et enregistre le numéro comme le formulaire", () => {
    const result = structures(structureLine({ telephone: "'+33 4 92 00 00 00" }));
    expect(result.lignes[0]?.telephone).toBe("04 92 00 00 00");
  });

  it("enregistre le SIRET sans espaces et l'adresse e-mail en minuscules", () => {
    const result = structures(structureLine({ siret: "123.456.789 00015", email: "Contact@Mezel.FR" }));
    expect(result.erreurs).toEqual([]);
    expect(result.lignes[0]).toMatchObject({ siret: "12345678900015", email: "contact@mezel.fr" });
  });

  it.each([
    ["nom", { nom: "" }, "Cette colonne est obligatoire : la cellule est vide."],
    ["nom", { nom: "x".repeat(151) }, "150 caractères au plus."],
    [
      "type",
      { type: "Club de foot" },
      "Le type « Club de foot » n'est pas dans la liste des types de structure (voir les colonnes).",
    ],
    ["siret", { siret: "1234" }, "Le SIRET comporte 14 chiffres ; celui-ci en compte 4."],
    [
      "siret",
      { siret: "123 456 789 00012" },
      "Ce numéro SIRET n'existe pas : un chiffre est sans doute mal recopié (la clé de contrôle ne correspond pas).",
    ],
    ["adresse", { adresse: "x".repeat(201) }, "200 caractères au plus."],
    ["code_postal", { code_postal: "4A000" }, "Le code postal comporte 5 chiffres, par exemple 04000."],
    ["code_postal", { code_postal: "04100" }, "Ce code postal n'est pas celui de Mézel (04270)."],
    ["commune", { commune: "Paris" }, "Aucune commune du département 04 ne correspond à « Paris »."],
    ["commune", { commune: "05061" }, "La commune de code INSEE « 05061 » n'est pas dans le département 04."],
    [
      "commune",
      { commune: "saint-martin", code_postal: "" },
      "Plusieurs communes du département s'appellent « saint-martin » : indiquez son code INSEE (04901 ou 04902).",
    ],
    [
      "telephone",
      { telephone: "12 34" },
      "Saisissez un numéro de téléphone français à 10 chiffres, par exemple 04 92 31 00 00.",
    ],
    ["email", { email: "contact@" }, "Saisissez une adresse e-mail valide, par exemple contact@exemple.fr."],
    [
      "charte_signee_le",
      { charte_signee_le: "31/02/2024" },
      "« 31/02/2024 » n'est pas une date valide : écrivez-la JJ/MM/AAAA ou AAAA-MM-JJ.",
    ],
    ["charte_signee_le", { charte_signee_le: "30/11/2026" }, "La date du 30/11/2026 est dans le futur."],
    ["charte_signataire", { charte_signataire: "M" }, "Saisissez le nom de la personne qui a signé."],
    ["statut", { statut: "fermée" }, "Le statut « fermée » doit être « active » ou « inactive »."],
  ])("nomme la ligne et la colonne « %s » d'une valeur refusée", (colonne, overrides, message) => {
    const result = structures(structureLine({ nom: "Autre structure" }), structureLine(overrides));
    expect(result.erreurs).toEqual([{ ligne: 3, colonne, message }]);
    expect(result.lignes.map((l) => l.ligne)).toEqual([2]);
  });

  it("refuse une structure présente deux fois dans le fichier (noms comparés sans casse, accents ni espaces en trop)", () => {
    const result = structures(structureLine(), structureLine({ nom: "ESPACE JEUNES  DE MEZEL" }));
    expect(result.erreurs).toEqual([
      {
        ligne: 3,
        colonne: "nom",
        message: "La structure « ESPACE JEUNES DE MEZEL » figure déjà ligne 2 de ce fichier.",
      },
    ]);
  });

  it("refuse une structure qui existe déjà dans le département", () => {
    const result = structures(structureLine({ nom: "Centre social la Marelle" }));
    expect(result.erreurs).toEqual([
      {
        ligne: 2,
        colonne: "nom",
        message:
          "Une structure « Centre social la Marelle » existe déjà dans le département 04 : retirez cette ligne ou renommez la structure.",
      },
    ]);
  });

  it("refuse une ligne qui a plus de valeurs que d'en-têtes", () => {
    const result = structures(`${structureLine()};en trop`);
    expect(result.erreurs).toEqual([
      {
        ligne: 2,
        colonne: null,
        message: "La ligne compte 12 valeurs pour 11 colonnes d'en-tête : vérifiez les séparateurs et les guillemets.",
      },
    ]);
  });

  it("accepte des séparateurs vides en fin de ligne (export Excel)", () => {
    expect(structures(`${structureLine()};;`).erreurs).toEqual([]);
  });
});

describe("fichier des promeneurs", () => {
  it("lit une ligne valide", () => {
    const result = promeneurs(promeneurLine());
    expect(result.erreurs).toEqual([]);
    expect(result.lignes[0]).toEqual({
      ligne: 2,
      prenom: "Léa",
      nom: "Martin",
      email: "lea.martin@lamarelle.fr",
      telephone: "06 12 34 56 78",
      fonction: "Animatrice",
      structureId: "11111111-1111-4111-8111-111111111111",
      heuresHebdomadaires: 4.5,
      statut: "actif",
      nomPublic: "Léa",
      proposeLe: new Date("2024-01-31T23:00:00.000Z"),
      charteSigneeLe: new Date("2024-01-31T23:00:00.000Z"),
      formationInitialeLe: new Date("2024-02-14T23:00:00.000Z"),
      entreeLe: new Date("2024-02-29T23:00:00.000Z"),
      sortieLe: null,
      motifStatut: null,
      communes: ["04070", "04112"],
      epci: [],
    });
  });

  it("propose à la date du jour un promeneur sans aucune date", () => {
    const result = promeneurs(
      promeneurLine({ statut: "Proposé", charte_signee_le: "", formation_initiale_le: "", entree_le: "" }),
    );
    expect(result.erreurs).toEqual([]);
    expect(result.lignes[0]).toMatchObject({ statut: "propose", proposeLe: now });
  });

  it("nomme la ligne 57 et la colonne « email », avec le message du formulaire", () => {
    const lines = Array.from({ length: 99 }, (_, i) => promeneurLine({ email: `p${i}@pdn.fr` }));
    lines[55] = promeneurLine({ email: "jean@" });
    const result = promeneurs(...lines);
    expect(result.erreurs).toEqual([
      {
        ligne: 57,
        colonne: "email",
        message: "Saisissez une adresse e-mail valide, par exemple prenom.nom@structure.fr.",
      },
    ]);
    expect(result.lignes).toHaveLength(98);
  });

  it("refuse une adresse présente deux fois dans le fichier ou déjà celle d'un promeneur du réseau", () => {
    const result = promeneurs(
      promeneurLine({ email: "a@pdn.fr" }),
      promeneurLine({ email: "A@pdn.fr" }),
      promeneurLine({ email: "deja@pdn.fr" }),
    );
    expect(result.erreurs).toEqual([
      { ligne: 3, colonne: "email", message: "L'adresse « a@pdn.fr » figure déjà ligne 2 de ce fichier." },
      { ligne: 4, colonne: "email", message: "L'adresse « deja@pdn.fr » est déjà celle d'un promeneur du réseau." },
    ]);
  });

  it("accepte l'adresse d'un promeneur sorti ou refusé, comme l'index unique de la base", () => {
    const sorti = { statut: "sorti", sortie_le: "01/06/2024", motif: "Départ" };
    const result = promeneurs(
      promeneurLine({ email: "deja@pdn.fr", ...sorti }),
      promeneurLine({ email: "b@pdn.fr", ...sorti }),
      promeneurLine({ email: "b@pdn.fr" }),
    );
    expect(result.erreurs).toEqual([]);
    expect(result.lignes.map((l) => [l.email, l.statut])).toEqual([
      ["deja@pdn.fr", "sorti"],
      ["b@pdn.fr", "sorti"],
      ["b@pdn.fr", "actif"],
    ]);
  });

  it("enregistre le téléphone et l'adresse comme le formulaire", () => {
    const result = promeneurs(promeneurLine({ telephone: "+33612345678", email: " Lea.Martin@LaMarelle.fr " }));
    expect(result.erreurs).toEqual([]);
    expect(result.lignes[0]).toMatchObject({ telephone: "06 12 34 56 78", email: "lea.martin@lamarelle.fr" });
  });

  it("refuse une structure inactive comme employeur", () => {
    const result = promeneurs(promeneurLine({ structure: "foyer ferme" }));
    expect(result.erreurs).toEqual([
      {
        ligne: 2,
        colonne: "structure",
        message:
          "La structure « Foyer fermé » est inactive : elle ne fait plus partie du réseau et ne peut pas employer de promeneur.",
      },
    ]);
  });

  it.each([
    [
      "structure",
      { structure: "Club inconnu" },
      "Aucune structure « Club inconnu » dans le département 04 : importez d'abord le fichier des structures ou corrigez le nom.",
    ],
    [
      "heures_hebdomadaires",
      { heures_hebdomadaires: "4h" },
      "Indiquez les heures consacrées chaque semaine à la mission, entre 0,5 et 35 (par exemple 4 ou 2,5).",
    ],
    [
      "heures_hebdomadaires",
      { heures_hebdomadaires: "40" },
      "Indiquez les heures consacrées chaque semaine à la mission, entre 0,5 et 35 (par exemple 4 ou 2,5).",
    ],
    [
      "heures_hebdomadaires",
      { heures_hebdomadaires: "4,25" },
      "Indiquez les heures par demi-heures (par exemple 2,5).",
    ],
    ["prenom", { prenom: "x".repeat(81) }, "Le prénom est trop long (80 caractères au plus)."],
    ["fonction", { fonction: "x".repeat(121) }, "La fonction est trop longue (120 caractères au plus)."],
    ["nom_public", { nom_public: "x".repeat(81) }, "Le nom public est trop long (80 caractères au plus)."],
    [
      "statut",
      { statut: "en pause" },
      "Le statut « en pause » n'existe pas : proposé, accepté, formé, actif, suspendu, sorti ou refusé.",
    ],
    ["entree_le", { entree_le: "" }, "Un promeneur « actif » doit avoir une date d'entrée dans le dispositif."],
    [
      "sortie_le",
      { sortie_le: "01/06/2024" },
      "Un promeneur « actif » ne peut pas avoir une date de sortie : videz la cellule ou corrigez le statut.",
    ],
    [
      "entree_le",
      { entree_le: "10/02/2024" },
      "La date d'entrée (10/02/2024) ne peut pas précéder la formation initiale (15/02/2024).",
    ],
    ["formation_initiale_le", { formation_initiale_le: "2027-01-01" }, "La date du 01/01/2027 est dans le futur."],
    ["communes", { communes: "04070|Sisteron" }, "Aucune commune du département 04 ne correspond à « Sisteron »."],
    ["epci", { epci: "123456789" }, "Aucune intercommunalité du département 04 ne correspond à « 123456789 »."],
    ["prenom", { prenom: " " }, "Cette colonne est obligatoire : la cellule est vide."],
  ])("nomme la ligne et la colonne « %s » d'une valeur refusée", (colonne, overrides, message) => {
    const result = promeneurs(promeneurLine({ email: "ok@pdn.fr" }), promeneurLine(overrides));
    expect(result.erreurs).toEqual([{ ligne: 3, colonne, message }]);
  });

  it("vérifie que le statut s'accorde avec les dates", () => {
    const result = promeneurs(
      promeneurLine({ email: "a@pdn.fr", statut: "formé", charte_signee_le: "" }),
      promeneurLine({ email: "b@pdn.fr", statut: "suspendu", motif: "" }),
      promeneurLine({ email: "c@pdn.fr", statut: "sorti", sortie_le: "01/02/2024" }),
      promeneurLine({ email: "d@pdn.fr", statut: "accepte", entree_le: "" }),
      promeneurLine({ email: "e@pdn.fr", statut: "sorti", sortie_le: "01/04/2024", motif: "Changement de poste" }),
    );
    expect(result.erreurs).toEqual([
      {
        ligne: 2,
        colonne: "charte_signee_le",
        message: "Un promeneur « formé » doit avoir une date de signature de la charte.",
      },
      {
        ligne: 2,
        colonne: "entree_le",
        message: expect.stringMatching(/^Un promeneur « formé » ne peut pas avoir une date d'entrée/),
      },
      { ligne: 3, colonne: "motif", message: "Indiquez le motif : il est obligatoire pour un promeneur « suspendu »." },
      {
        ligne: 4,
        colonne: "sortie_le",
        message: "La date de sortie (01/02/2024) ne peut pas précéder l'entrée (01/03/2024).",
      },
      {
        ligne: 5,
        colonne: "statut",
        message: expect.stringMatching(/est « formé » \(ou actif, suspendu, sorti\), pas « accepté »/),
      },
    ]);
    expect(result.lignes.map((l) => [l.ligne, l.statut, l.motifStatut])).toEqual([[6, "sorti", "Changement de poste"]]);
  });

  it("résout les communes et intercommunalités par code ou par nom, et le nom public par défaut", () => {
    const result = promeneurs(
      promeneurLine({
        communes: " digne les bains | 04112 |04112",
        epci: "Provence Alpes Agglomeration",
        nom_public: "",
      }),
    );
    expect(result.erreurs).toEqual([]);
    expect(result.lignes[0]).toMatchObject({ communes: ["04070", "04112"], epci: ["200067437"], nomPublic: "Léa" });
  });

  it("liste toutes les erreurs d'une même ligne", () => {
    const result = promeneurs(promeneurLine({ email: "x", heures_hebdomadaires: "", structure: "Inconnue" }));
    expect(result.erreurs.map((e) => e.colonne)).toEqual(["email", "structure", "heures_hebdomadaires"]);
    expect(result.lignes).toEqual([]);
  });
});
