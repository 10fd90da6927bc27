import { describe, expect, it } from "vitest";
import { qrCodeDataUri } from "./qr-code.server";

describe("QR code de la double authentification", () => {
  it("donne une image SVG en data URI", async () => {
    const uri = await qrCodeDataUri("otpauth://totp/Promeneurs%20du%20Net:a%40b.fr?secret=GEZDGNBVGY3TQOJQ");
    expect(uri.startsWith("data:image/svg+xml;base64,")).toBe(true);
    const svg = Buffer.from(uri.split(",")[1] as string, "base64").toString("utf8");
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain("<path");
  });
});
