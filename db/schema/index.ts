export * from "./tenancy";
export * from "./audit";
