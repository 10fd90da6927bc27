import { findDernieresActualites, renderContenus } from "~/domain/contenu/contenu.queries.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";

const escapeXml = (value: string) =>
  value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    // Characters XML 1.0 forbids (control characters other than tab and line breaks).
    // biome-ignore lint/suspicious/noControlCharactersInRegex: they are what this removes.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");

/** The 20 latest published news posts as an Atom 1.0 feed, with absolute addresses. */
export async function loader() {
  const env = getEnv();
  const base = env.publicUrl;
  const db = getDb();
  const now = new Date();
  const actualites = await findDernieresActualites(db, env.DEFAULT_DEPARTEMENT, now, 20);
  const updated = actualites.reduce(
    (latest, a) => Math.max(latest, a.updatedAt.getTime(), a.publieLe.getTime()),
    actualites.length === 0 ? now.getTime() : 0,
  );
  const contenus = await renderContenus(
    db,
    actualites.map((a) => a.corps),
  );
  const entries = actualites.map((a, i) => {
    const url = `${base}/actualites/${encodeURIComponent(a.slug)}`;
    const html = contenus[i] ?? "";
    const modifiee = new Date(Math.max(a.updatedAt.getTime(), a.publieLe.getTime()));
    return [
      "  <entry>",
      `    <id>urn:uuid:${a.id}</id>`,
      `    <title type="text">${escapeXml(a.titre)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(url)}"/>`,
      `    <published>${a.publieLe.toISOString()}</published>`,
      `    <updated>${modifiee.toISOString()}</updated>`,
      `    <summary type="text">${escapeXml(a.resume)}</summary>`,
      `    <content type="html" xml:base="${escapeXml(`${base}/`)}">${escapeXml(html)}</content>`,
      "  </entry>",
    ].join("\n");
  });
  const xml = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">',
    `  <id>${escapeXml(`${base}/actualites`)}</id>`,
    "  <title>Actualités des Promeneurs du Net 04</title>",
    "  <subtitle>Les nouvelles du réseau Promeneurs du Net des Alpes-de-Haute-Provence.</subtitle>",
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(`${base}/actualites.atom`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(`${base}/actualites`)}"/>`,
    `  <updated>${new Date(updated).toISOString()}</updated>`,
    "  <author><name>Coordination départementale Promeneurs du Net 04</name></author>",
    ...entries,
    "</feed>",
    "",
  ].join("\n");
  return new Response(xml, {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=900" },
  });
}
