/**
 * A process that runs one import job and stops inside its transaction, just before the commit, saying so
 * on stdout; the test then kills it (SIGKILL), as a server killed mid-job. Usage: tsx run-job-child.ts <url> <org> <job>
 */
import { connectPostgres } from "@/db/client";
import { runJob } from "@/server/services/imports/queue";

const [url, organizationId, jobId] = process.argv.slice(2);
const handle = connectPostgres(url!, 3);
void runJob(handle.db, { organizationId: organizationId!, jobId: jobId! }, {
  onCheckpoint: async (name) => {
    if (name !== "before-commit") return;
    console.log("at before-commit");
    await new Promise(() => undefined); // held here until killed
  },
});
