import { TRPCError } from "@trpc/server";

/** "OK" when the call answers, else the tRPC error code it was refused with (other errors rethrown). */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}
