/** The part of pdfmake 0.3's server API the annual report uses (the package ships no types). */
declare module "pdfmake" {
  type Politique = (chemin: string) => boolean;
  const pdfmake: {
    setFonts(fonts: Record<string, Record<string, string>>): void;
    setUrlAccessPolicy(politique: Politique): void;
    setLocalAccessPolicy(politique: Politique): void;
    createPdf(definition: Record<string, unknown>, options?: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
  };
  export default pdfmake;
}

declare module "pdfmake/fonts/Roboto.js" {
  const fonts: { Roboto: Record<"normal" | "bold" | "italics" | "bolditalics", string> };
  export default fonts;
}
