import { accountRouter } from "./account";
import { auditRouter } from "./audit";
import { membersRouter } from "./members";
import { organizationsRouter } from "./organizations";
import { createCallerFactory, createTRPCRouter } from "../trpc";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  organizations: organizationsRouter,
  members: membersRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
