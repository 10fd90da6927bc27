export function isBuildStale(root?: string): boolean;
export function buildIfStale(options?: { quiet?: boolean; root?: string }): boolean;
