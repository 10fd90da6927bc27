export * from "./audit";
export * from "./comptes";
export * from "./structures";
export * from "./systeme";
export * from "./territoire";
