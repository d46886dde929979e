export * from "./tenancy";
export * from "./audit";
export * from "./roster";
export * from "./cehrt";
export * from "./accounts";
export * from "./estimates";
export * from "./cehrt-rollups";
export * from "./roster-summaries";
