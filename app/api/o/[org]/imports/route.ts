/** The streamed upload of an import file (server/imports/upload.ts). */
import { receiveUpload } from "@/server/imports/upload";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  return receiveUpload(request, org);
}
