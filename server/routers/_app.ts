import { accountRouter } from "./account";
import { auditRouter } from "./audit";
import { membersRouter } from "./members";
import { invitationsRouter } from "./invitations";
import { passwordResetRouter } from "./password-reset";
import { organizationsRouter } from "./organizations";
import { cliniciansRouter } from "./clinicians";
import { hardshipsRouter } from "./hardships";
import { rosterImportRouter } from "./roster-import";
import { tinsRouter } from "./tins";
import { virtualGroupsRouter } from "./virtual-groups";
import { cehrtProductsRouter } from "./cehrt-products";
import { dataImportsRouter } from "./data-imports";
import { measureReportsRouter } from "./measure-reports";
import { tinReportingRouter } from "./tin-reporting";
import { dashboardsRouter } from "./dashboards";
import { estimatesRouter } from "./estimates";
import { deadlinesRouter } from "./deadlines";
import { importJobsRouter } from "./import-jobs";
import { createCallerFactory, createTRPCRouter } from "../trpc";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  organizations: organizationsRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  passwordReset: passwordResetRouter,
  audit: auditRouter,
  tins: tinsRouter,
  clinicians: cliniciansRouter,
  hardships: hardshipsRouter,
  virtualGroups: virtualGroupsRouter,
  rosterImport: rosterImportRouter,
  cehrtProducts: cehrtProductsRouter,
  measureReports: measureReportsRouter,
  dataImports: dataImportsRouter,
  tinReporting: tinReportingRouter,
  dashboards: dashboardsRouter,
  estimates: estimatesRouter,
  deadlines: deadlinesRouter,
  importJobs: importJobsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
