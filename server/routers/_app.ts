import { accountRouter } from "./account";
import { auditRouter } from "./audit";
import { membersRouter } from "./members";
import { organizationsRouter } from "./organizations";
import { cliniciansRouter } from "./clinicians";
import { hardshipsRouter } from "./hardships";
import { rosterImportRouter } from "./roster-import";
import { tinsRouter } from "./tins";
import { virtualGroupsRouter } from "./virtual-groups";
import { createCallerFactory, createTRPCRouter } from "../trpc";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  organizations: organizationsRouter,
  members: membersRouter,
  audit: auditRouter,
  tins: tinsRouter,
  clinicians: cliniciansRouter,
  hardships: hardshipsRouter,
  virtualGroups: virtualGroupsRouter,
  rosterImport: rosterImportRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
