export * from "./audit";
export * from "./comptes";
export * from "./fichiers";
export * from "./public";
export * from "./reseau";
export * from "./structures";
export * from "./systeme";
export * from "./territoire";
