import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  describeReport,
  detectKind,
  frrStatutOf,
  mergeTerritoireFiles,
  normalizeHeader,
  parseContoursGeoJson,
  parseFrrCsv,
  parseQpvCsv,
  parseTerritoireText,
  TerritoireImportError,
  unrecognisedReason,
  zrrStatutOf,
} from "./territoire-import.rules";

const DATA = path.resolve(process.cwd(), "../shared/data/territoire-04");
const read = (name: string) => fs.readFileSync(path.join(DATA, name), "utf8");

const FRR_HEADER =
  "code_insee,nom_commune,frr_arrete_2024_06_19,statut_frr_dgcl_juillet_2025,frr_plus,zrr_simp_cog2021,zrr_zonage_cog2021";
const QPV_HEADER = "code_qpv,nom_qpv,code_insee_commune,nom_commune,epci_siren,epci_nom";

const square = (x: number, y: number) => [
  [
    [x, y],
    [x, y + 0.1],
    [x + 0.1, y + 0.1],
    [x + 0.1, y],
    [x, y],
  ],
];
const featureCollection = (...features: unknown[]) => JSON.stringify({ type: "FeatureCollection", features });
const feature = (properties: unknown, geometry: unknown) => ({ type: "Feature", properties, geometry });

function errorOf(run: () => unknown): TerritoireImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof TerritoireImportError) return error;
    throw error;
  }
  throw new Error("aucune erreur levée");
}

describe("reconnaissance d'un fichier par son contenu", () => {
  it("reconnaît les trois fichiers de référence du 04 et ignore la liste des communes", () => {
    expect(detectKind(read("frr-zrr-communes-04.csv"))).toBe("frr");
    expect(detectKind(read("qpv-2024-04.csv"))).toBe("qpv");
    expect(detectKind(read("communes-04.geojson"))).toBe("contours");
    expect(detectKind(read("communes-04.csv"))).toBeNull();
    expect(detectKind(read("SOURCES.md"))).toBeNull();
  });

  it("reconnaît un CSV à point-virgule avec BOM et en-têtes en majuscules", () => {
    expect(detectKind("\uFEFFCODE_INSEE;Statut FRR DGCL juillet 2025\n04001;FRR+\n")).toBe("frr");
    expect(detectKind("Code QP;Lib QP;INSEE_COM\nQN00401M;Centre;04070\n")).toBe("qpv");
  });

  it("ne se fie pas au nom : un GeoJSON reste un GeoJSON quel que soit son nom", () => {
    const parsed = parseTerritoireText(
      featureCollection(feature({ code: "04001" }, { type: "Polygon", coordinates: square(6, 44) })),
      "donnees.txt",
    );
    expect(parsed?.kind).toBe("contours");
  });

  it("donne la raison d'un fichier non reconnu", () => {
    expect(unrecognisedReason("")).toBe("fichier vide");
    expect(unrecognisedReason('{"type":"Feature"}')).toMatch(/pas une FeatureCollection/);
    expect(unrecognisedReason("code_insee,nom\n04001,Aiglun\n")).toMatch(/CSV sans colonne/);
    expect(unrecognisedReason("# Titre\nUn texte.\n")).toBe("ni CSV ni GeoJSON");
    expect(unrecognisedReason(read("qpv-2024-04.csv"))).toBeNull();
  });

  it("refuse un JSON tronqué au lieu de l'ignorer", () => {
    const text = read("communes-04.geojson").slice(0, 5000);
    expect(detectKind(text)).toBeNull();
    expect(errorOf(() => parseTerritoireText(text, "communes.geojson")).message).toBe(
      "communes.geojson : JSON illisible (fichier tronqué ou mal formé).",
    );
  });

  it("renvoie null pour un fichier qui n'est pas du territoire", () => {
    expect(parseTerritoireText(read("communes-04.csv"), "communes-04.csv")).toBeNull();
  });

  it("normalise les en-têtes (accents, espaces, majuscules)", () => {
    expect(normalizeHeader(" Code INSEE ")).toBe("code_insee");
    expect(normalizeHeader("Libellé QPV")).toBe("libelle_qpv");
    expect(normalizeHeader("statut_frr_dgcl_juillet_2025")).toBe("statut_frr_dgcl_juillet_2025");
  });
});

describe("classement FRR/ZRR", () => {
  it("importe les 58 communes FRR+ et les 140 FRR socle du fichier du 04", () => {
    const rows = parseFrrCsv(read("frr-zrr-communes-04.csv"));
    expect(rows).toHaveLength(198);
    expect(rows.filter((r) => r.frrStatut === "frr_plus")).toHaveLength(58);
    expect(rows.filter((r) => r.frrStatut === "frr_socle")).toHaveLength(140);
    expect(rows.find((r) => r.code === "04001")).toEqual({ code: "04001", frrStatut: "frr_plus", zrrStatut: "C" });
    expect(rows.filter((r) => r.zrrStatut === "NC")).toHaveLength(15);
    expect(rows.every((r) => /^04\d{3}$/.test(r.code))).toBe(true);
  });

  it("traduit le statut FRR : FRR+, FRR socle, sinon non classée", () => {
    expect(frrStatutOf("FRR+")).toBe("frr_plus");
    expect(frrStatutOf(" frr + ")).toBe("frr_plus");
    expect(frrStatutOf("FRR socle")).toBe("frr_socle");
    expect(frrStatutOf("FRR  Socle")).toBe("frr_socle");
    expect(frrStatutOf("")).toBe("non_classee");
    expect(frrStatutOf("Non classée")).toBe("non_classee");
  });

  it("garde le code ZRR en tête de valeur (C, M, A, NC)", () => {
    expect(zrrStatutOf("C - Classée en ZRR")).toBe("C");
    expect(zrrStatutOf("NC - Commune non classée")).toBe("NC");
    expect(zrrStatutOf("M - Commune sortante en 2017")).toBe("M");
    expect(zrrStatutOf("A")).toBe("A");
    expect(zrrStatutOf("Classée")).toBeNull();
    expect(zrrStatutOf("Aucun")).toBeNull();
    expect(zrrStatutOf("")).toBeNull();
  });

  it("laisse le statut ZRR de côté quand le fichier n'a pas la colonne", () => {
    const rows = parseFrrCsv("code_insee,statut_frr_dgcl_juillet_2025\n04001,FRR socle\n04004,\n");
    expect(rows).toEqual([
      { code: "04001", frrStatut: "frr_socle" },
      { code: "04004", frrStatut: "non_classee" },
    ]);
  });

  it("refuse un code INSEE dont le 0 initial a été perdu, avec la ligne", () => {
    const error = errorOf(() =>
      parseFrrCsv(`${FRR_HEADER}\n04001,Aiglun,oui,FRR+,oui,C,C\n4004,Allemagne,oui,FRR socle,non,C,M\n`, "frr.csv"),
    );
    expect(error.message).toBe(
      "frr.csv, ligne 3 : code INSEE « 4004 » invalide (5 caractères attendus : le 0 initial a-t-il été perdu par un tableur ?).",
    );
  });

  it("refuse un code INSEE qui n'en est pas un", () => {
    expect(errorOf(() => parseFrrCsv(`${FRR_HEADER}\nAIGLUN,Aiglun,oui,FRR+,oui,C,C\n`, "frr.csv")).message).toMatch(
      /^frr\.csv, ligne 2 : code INSEE « AIGLUN » invalide/,
    );
  });

  it("accepte les codes corses", () => {
    expect(parseFrrCsv("code_insee,statut_frr\n2A004,FRR socle\n")[0]?.code).toBe("2A004");
  });

  it("refuse une commune en double", () => {
    const text = `${FRR_HEADER}\n04001,Aiglun,oui,FRR+,oui,C,C\n04001,Aiglun,oui,FRR+,oui,C,C\n`;
    expect(errorOf(() => parseFrrCsv(text, "frr.csv")).message).toBe(
      "frr.csv, ligne 3 : la commune 04001 figure deux fois.",
    );
  });

  it("refuse un en-tête sans colonne de code INSEE", () => {
    expect(errorOf(() => parseFrrCsv("nom,statut_frr_dgcl_juillet_2025\nAiglun,FRR+\n", "frr.csv")).message).toBe(
      "frr.csv : colonne « code_insee » introuvable dans l'en-tête.",
    );
  });

  it("refuse un CSV mal formé en disant où", () => {
    expect(errorOf(() => parseFrrCsv(`${FRR_HEADER}\n04001,"Aiglun,oui,FRR+,oui,C,C\n`, "frr.csv")).message).toBe(
      "frr.csv : CSV illisible à la ligne 2 (guillemet non fermé).",
    );
    expect(errorOf(() => parseFrrCsv(`${FRR_HEADER}\n04001,Aiglun,oui\n`, "frr.csv")).message).toBe(
      "frr.csv : CSV illisible à la ligne 2 (nombre de colonnes différent de l'en-tête).",
    );
  });

  it("refuse un fichier sans ligne de données", () => {
    expect(errorOf(() => parseFrrCsv(`${FRR_HEADER}\n`, "frr.csv")).message).toBe(
      "frr.csv : aucune ligne de données après l'en-tête.",
    );
  });
});

describe("quartiers prioritaires", () => {
  it("lit les 3 QPV du 04 avec leur commune", () => {
    expect(parseQpvCsv(read("qpv-2024-04.csv"))).toEqual([
      { code: "QN00401M", nom: "Centre Ville - Pigeonnier", communeCode: "04070" },
      { code: "QN00402M", nom: "Quartier Est", communeCode: "04112" },
      { code: "QN00403M", nom: "Quartier Ouest", communeCode: "04112" },
    ]);
  });

  it("accepte les noms de colonnes de l'export de l'ANCT", () => {
    expect(parseQpvCsv("code_qp;lib_qp;insee_com\nqn00401m;Centre Ville - Pigeonnier;04070\n")).toEqual([
      { code: "QN00401M", nom: "Centre Ville - Pigeonnier", communeCode: "04070" },
    ]);
  });

  it("refuse un code de quartier invalide, un nom vide et un doublon", () => {
    expect(errorOf(() => parseQpvCsv(`${QPV_HEADER}\n401,Centre,04070,Digne,1,CA\n`, "qpv.csv")).message).toBe(
      "qpv.csv, ligne 2 : code QPV « 401 » invalide (par exemple QN00401M).",
    );
    expect(errorOf(() => parseQpvCsv(`${QPV_HEADER}\nQN00401M,,04070,Digne,1,CA\n`, "qpv.csv")).message).toBe(
      "qpv.csv, ligne 2 : le nom du quartier QN00401M est vide.",
    );
    const twice = `${QPV_HEADER}\nQN00401M,A,04070,Digne,1,CA\nQN00401M,B,04070,Digne,1,CA\n`;
    expect(errorOf(() => parseQpvCsv(twice, "qpv.csv")).message).toBe(
      "qpv.csv, ligne 3 : le quartier QN00401M figure deux fois.",
    );
  });

  it("refuse un en-tête sans commune", () => {
    expect(errorOf(() => parseQpvCsv("code_qpv,nom_qpv\nQN00401M,Centre\n", "qpv.csv")).message).toBe(
      "qpv.csv : colonne « code_insee_commune » introuvable dans l'en-tête.",
    );
  });
});

describe("contours des communes", () => {
  it("lit les 198 contours du 04 par leur code, sans leur nom", () => {
    const rows = parseContoursGeoJson(read("communes-04.geojson"));
    expect(rows).toHaveLength(198);
    expect(rows.filter((r) => r.geometry.type === "MultiPolygon").map((r) => r.code)).toEqual(["04204"]);
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(["code", "geometry"]);
  });

  it("accepte un code numérique à 5 chiffres et la propriété INSEE_COM", () => {
    const rows = parseContoursGeoJson(
      featureCollection(
        feature({ code: 12345 }, { type: "Polygon", coordinates: square(1, 44) }),
        feature({ INSEE_COM: "04070" }, { type: "MultiPolygon", coordinates: [square(6, 44)] }),
      ),
    );
    expect(rows.map((r) => r.code)).toEqual(["12345", "04070"]);
  });

  it("refuse une entité sans code, avec son numéro", () => {
    const text = featureCollection(
      feature({ code: "04001" }, { type: "Polygon", coordinates: square(6, 44) }),
      feature({ nom: "Aiglun" }, { type: "Polygon", coordinates: square(6, 44) }),
    );
    expect(errorOf(() => parseContoursGeoJson(text, "c.geojson")).message).toBe(
      "c.geojson, entité n° 2 : propriété « code » (code INSEE de la commune) absente.",
    );
  });

  it("refuse une géométrie qui n'est pas un polygone", () => {
    const text = featureCollection(feature({ code: "04001" }, { type: "Point", coordinates: [6, 44] }));
    expect(errorOf(() => parseContoursGeoJson(text, "c.geojson")).message).toBe(
      "c.geojson, entité n° 1 (04001) : géométrie de type « Point » (Polygon ou MultiPolygon attendu).",
    );
    const none = featureCollection(feature({ code: "04001" }, null));
    expect(errorOf(() => parseContoursGeoJson(none, "c.geojson")).message).toBe(
      "c.geojson, entité n° 1 (04001) : géométrie absente.",
    );
  });

  it("refuse des coordonnées projetées (Lambert 93) ou invalides", () => {
    const lambert = featureCollection(
      feature(
        { code: "04001" },
        {
          type: "Polygon",
          coordinates: [
            [
              [950000, 6350000],
              [950100, 6350000],
              [950100, 6350100],
              [950000, 6350000],
            ],
          ],
        },
      ),
    );
    expect(errorOf(() => parseContoursGeoJson(lambert, "c.geojson")).message).toMatch(/hors des limites WGS84/);
    const text = featureCollection(
      feature(
        { code: "04001" },
        {
          type: "Polygon",
          coordinates: [
            [
              [6, 44],
              ["a", 44],
              [6, 45],
              [6, 44],
            ],
          ],
        },
      ),
    );
    expect(errorOf(() => parseContoursGeoJson(text, "c.geojson")).message).toMatch(/coordonnée invalide/);
    const short = featureCollection(
      feature(
        { code: "04001" },
        {
          type: "Polygon",
          coordinates: [
            [
              [6, 44],
              [6, 45],
              [6, 44],
            ],
          ],
        },
      ),
    );
    expect(errorOf(() => parseContoursGeoJson(short, "c.geojson")).message).toMatch(/au moins 4 points/);
  });

  it("refuse une commune en double et une collection vide", () => {
    const twice = featureCollection(
      feature({ code: "04001" }, { type: "Polygon", coordinates: square(6, 44) }),
      feature({ code: "04001" }, { type: "Polygon", coordinates: square(6, 44) }),
    );
    expect(errorOf(() => parseContoursGeoJson(twice, "c.geojson")).message).toBe(
      "c.geojson, entité n° 2 (04001) : la commune 04001 figure deux fois.",
    );
    expect(errorOf(() => parseContoursGeoJson(featureCollection(), "c.geojson")).message).toBe(
      "c.geojson : la FeatureCollection ne contient aucune entité.",
    );
  });
});

describe("plusieurs fichiers", () => {
  it("regroupe les lignes par sorte de fichier", () => {
    const data = mergeTerritoireFiles([
      { source: "a.csv", parsed: { kind: "frr", rows: [{ code: "04001", frrStatut: "frr_plus" }] } },
      { source: "b.csv", parsed: { kind: "frr", rows: [{ code: "05001", frrStatut: "frr_socle" }] } },
      { source: "q.csv", parsed: { kind: "qpv", rows: [{ code: "QN00401M", nom: "Centre", communeCode: "04070" }] } },
    ]);
    expect(data.frr?.map((r) => r.code)).toEqual(["04001", "05001"]);
    expect(data.qpv).toHaveLength(1);
    expect(data.contours).toBeUndefined();
  });

  it("refuse une commune présente dans deux fichiers de même sorte", () => {
    const error = errorOf(() =>
      mergeTerritoireFiles([
        { source: "a.csv", parsed: { kind: "frr", rows: [{ code: "04001", frrStatut: "frr_plus" }] } },
        { source: "b.csv", parsed: { kind: "frr", rows: [{ code: "04001", frrStatut: "frr_socle" }] } },
      ]),
    );
    expect(error.message).toBe("04001 figure dans deux fichiers de classement FRR/ZRR des communes (a.csv et b.csv).");
  });
});

describe("compte rendu de l'import", () => {
  it("dit en français ce qui a été importé, codes inconnus compris", () => {
    const lines = describeReport({
      frr: {
        lignes: 200,
        frrPlus: 58,
        frrSocle: 140,
        nonClassees: 0,
        misesAJour: 198,
        inconnues: 2,
        exemplesInconnues: ["99998", "99999"],
      },
      qpv: { lignes: 3, ajoutes: 3, modifies: 0, inconnues: 0, exemplesInconnues: [] },
      contours: { lignes: 198, misesAJour: 1, inconnues: 0, exemplesInconnues: [] },
      departements: ["04"],
    });
    expect(lines).toEqual([
      "Classement FRR/ZRR : 198 communes (58 FRR+, 140 FRR socle, 0 non classée), 198 mises à jour.",
      "Attention : 2 codes de commune inconnus dans le classement FRR, lignes ignorées (99998, 99999).",
      "Quartiers prioritaires : 3 QPV, 3 ajoutés, 0 modifié.",
      "Contours des communes : 198 communes, 1 mise à jour.",
      "Département concerné : 04.",
    ]);
  });

  it("abrège la liste des codes inconnus", () => {
    const [, warning] = describeReport({
      contours: {
        lignes: 10,
        misesAJour: 0,
        inconnues: 7,
        exemplesInconnues: ["1", "2", "3", "4", "5"].map((n) => `9900${n}`),
      },
      departements: [],
    });
    expect(warning).toBe(
      "Attention : 7 codes de commune inconnus dans les contours, lignes ignorées (99001, 99002, 99003, 99004, 99005, …).",
    );
  });
});
