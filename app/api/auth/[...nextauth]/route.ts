import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/server/auth";
import { AUTH_BODY_BYTES, readBodyWithin } from "@/server/limits/body-size";

const nextAuth = NextAuth(authOptions);

/** Sign-in forms are small: a body over AUTH_BODY_BYTES is refused with 413 before NextAuth reads it. */
async function handler(req: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  const read = await readBodyWithin(req, AUTH_BODY_BYTES);
  if (read instanceof Response) return read;
  return nextAuth(read === req ? req : new NextRequest(read), context);
}

export { handler as GET, handler as POST };
