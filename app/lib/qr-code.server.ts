import QRCode from "qrcode";

/** A QR code as an SVG data URI (allowed by the CSP's img-src data:), for an otpauth:// link. */
export async function qrCodeDataUri(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}
