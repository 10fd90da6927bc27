import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditActionLabel, auditActionLabels, auditLabelMaps } from "./audit.labels";

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    if (full.includes(".test.")) return [];
    if (/\.server\.ts$|seed\/.*\.ts$/.test(full)) return [full];
    // A route that writes to the journal itself (a download, say).
    return /routes\/.*\.tsx?$/.test(full) && fs.readFileSync(full, "utf8").includes("recordAudit(") ? [full] : [];
  });
}

describe("libellés du journal", () => {
  it("donne un libellé français à chaque action écrite au journal par le code", () => {
    const actions = new Set<string>();
    for (const file of [...sourceFiles("app"), ...sourceFiles("db")]) {
      for (const match of fs
        .readFileSync(file, "utf8")
        .matchAll(/action: (?:[^"\n]*\? )?"([a-z_.-]+)"(?: : "([a-z_.-]+)")?/g)) {
        actions.add(match[1] as string);
        if (match[2]) actions.add(match[2]);
      }
    }
    expect(actions.size).toBeGreaterThan(5);
    const missing = [...actions].filter((a) => !(a in auditActionLabels));
    expect(missing).toEqual([]);
  });

  it("ne définit aucune action dans deux domaines à la fois (un seul libellé par action)", () => {
    const definiPar = new Map<string, string[]>();
    for (const [domaine, labels] of Object.entries(auditLabelMaps)) {
      for (const action of Object.keys(labels)) definiPar.set(action, [...(definiPar.get(action) ?? []), domaine]);
    }
    const doublons = [...definiPar].filter(([, domaines]) => domaines.length > 1);
    expect(doublons).toEqual([]);
    expect(Object.keys(auditActionLabels)).toHaveLength(definiPar.size);
  });

  it("retombe sur le code pour une action inconnue", () => {
    expect(auditActionLabel("inconnue.faire")).toBe("inconnue.faire");
    expect(auditActionLabel("invitation.creer")).toBe("Invitation envoyée");
  });
});
