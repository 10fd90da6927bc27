import { describe, expect, it } from "vitest";
import { getEnv } from "~/server/env.server";
import { loader } from "./robots.txt";

describe("robots.txt", () => {
  it("ferme l'espace et la connexion aux robots et indique le plan du site", async () => {
    const response = loader();
    expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    const lines = (await response.text()).split("\n");
    expect(lines[0]).toBe("User-agent: *");
    expect(lines).toContain("Disallow: /espace/");
    expect(lines).toContain("Disallow: /connexion");
    // The answer links of invitations and the private calendar feeds carry secret tokens.
    expect(lines).toContain("Disallow: /reponse/");
    expect(lines).toContain("Disallow: /calendrier/");
    expect(lines).toContain(`Sitemap: ${getEnv().publicUrl}/sitemap.xml`);
    expect(lines).not.toContain("Disallow: /");
  });
});
