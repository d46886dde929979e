"use client";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { MEMBERSHIP_ROLES, type MembershipRole } from "@/db/schema/roles";
import { errorMessage, useTRPC } from "@/components/providers/trpc-client";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";

interface Member {
  membershipId: string;
  name: string;
  role: MembershipRole;
  version: number;
}

/** Role select and remove button for one member; the last admin's are disabled with the reason. */
export function MemberRoleControls({ organization, member, isLastAdmin }: { organization: string; member: Member; isLastAdmin: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const onSuccess = () => router.refresh();
  const changeRole = useMutation(trpc.members.changeRole.mutationOptions({ onSuccess }));
  const remove = useMutation(trpc.members.remove.mutationOptions({ onSuccess }));
  const error = changeRole.error ?? remove.error;
  const busy = changeRole.isPending || remove.isPending;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <NativeSelect
        aria-label={`Role of ${member.name}`}
        className="w-36"
        value={member.role}
        disabled={busy || isLastAdmin}
        title={isLastAdmin ? "The last admin cannot be demoted" : undefined}
        onChange={(e) =>
          changeRole.mutate({
            organization,
            membershipId: member.membershipId,
            role: e.target.value as MembershipRole,
            expectedVersion: member.version,
          })
        }
      >
        {MEMBERSHIP_ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </NativeSelect>
      <Button
        variant="outline"
        size="sm"
        disabled={busy || isLastAdmin}
        aria-label={`Remove ${member.name}`}
        title={isLastAdmin ? "The last admin cannot be removed" : undefined}
        onClick={() => {
          if (window.confirm(`Remove ${member.name} from this organization?`)) {
            remove.mutate({ organization, membershipId: member.membershipId });
          }
        }}
      >
        Remove
      </Button>
      {isLastAdmin ? <span className="text-xs text-muted-foreground">last admin</span> : null}
      {error ? (
        <p role="alert" className="w-full text-xs text-destructive">
          {errorMessage(error)}
        </p>
      ) : null}
    </div>
  );
}
