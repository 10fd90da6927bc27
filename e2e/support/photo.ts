import sharp from "sharp";

/**
 * A photo-like 800 × 800 picture (smooth shapes, shading and grain, so that it compresses like a
 * portrait photo, not like a flat test pattern), deterministic by `seed`. Given as a PNG, to go
 * through the same re-encoding as a real upload.
 */
export async function photoRealiste(seed: number): Promise<Buffer> {
  let state = seed * 2654435761;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  // Low-frequency colour field (like a background and a face), upscaled smoothly…
  const small = 24;
  const field = Buffer.alloc(small * small * 3);
  for (let i = 0; i < field.length; i++) field[i] = Math.floor(60 + random() * 160);
  const base = await sharp(field, { raw: { width: small, height: small, channels: 3 } })
    .resize(800, 800, { kernel: "cubic" })
    .blur(6)
    .raw()
    .toBuffer();
  // …then fine grain and texture, as a camera sensor gives.
  for (let i = 0; i < base.length; i++) {
    const grain = (random() - 0.5) * 18;
    base[i] = Math.max(0, Math.min(255, (base[i] as number) + grain));
  }
  return sharp(base, { raw: { width: 800, height: 800, channels: 3 } })
    .png()
    .toBuffer();
}
