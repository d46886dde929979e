import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

/** Shown to a member whose role does not include a page (an admin page opened by an executive, say). */
export function ForbiddenNotice({ needed, role }: { needed: string; role: string }) {
  return (
    <Alert variant="destructive">
      <AlertTitle>Not available to your role</AlertTitle>
      <AlertDescription>
        This page needs the {needed} role; you are {role} in this organization.
      </AlertDescription>
    </Alert>
  );
}
