"use client";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { errorIssues, useTRPC } from "@/components/providers/trpc-client";
import { centsToDollars, parseDollarsToCents } from "@/lib/roster/values";
import { Button } from "@/components/ui/button";
import { fieldError, FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { MutationError } from "./mutation-feedback";
import type { Option } from "./clinician-form";

/** Adds a TIN membership to a clinician. */
/** `performanceYear`: the page's year; the start date defaults to its January 1. */
export function AddMembershipForm({ organization, clinicianId, tinOptions, performanceYear }: { organization: string; clinicianId: string; tinOptions: Option[]; performanceYear: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const add = useMutation(trpc.clinicians.addMembership.mutationOptions({ onSuccess: () => router.refresh() }));
  const issues = errorIssues(add.error);
  return (
    <form
      className="grid gap-3 sm:grid-cols-4 sm:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        add.mutate({ organization, clinicianId, tinId: String(f.get("tinId") ?? ""), startDate: String(f.get("startDate") ?? ""), endDate: String(f.get("endDate") ?? "") });
      }}
    >
      <FormField id="membership-tin" label="TIN" error={fieldError(issues, "tinId")}>
        <NativeSelect name="tinId" defaultValue="">
          <option value="">Choose…</option>
          {tinOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField id="membership-start" label="Start date" error={fieldError(issues, "startDate")}>
        <Input name="startDate" type="date" defaultValue={`${performanceYear}-01-01`} />
      </FormField>
      <FormField id="membership-end" label="End date" hint="Empty while billing" error={fieldError(issues, "endDate")}>
        <Input name="endDate" type="date" />
      </FormField>
      <Button type="submit" disabled={add.isPending}>
        Add to TIN
      </Button>
      <div className="sm:col-span-4">
        <MutationError error={add.error} />
      </div>
    </form>
  );
}

export interface FiguresValues {
  version: number;
  nonPatientFacing: boolean;
  hospitalBased: boolean;
  ascBased: boolean;
  rural: boolean;
  hpsa: boolean;
  allowedChargesCents: number;
  partBBeneficiaries: number;
  newlyEnrolled: boolean;
  advancedApmQp: boolean;
}

const FLAGS = [
  ["nonPatientFacing", "Non-patient facing"],
  ["hospitalBased", "Hospital-based"],
  ["ascBased", "ASC-based"],
  ["rural", "Rural"],
  ["hpsa", "HPSA"],
  ["newlyEnrolled", "Newly enrolled in Medicare"],
  ["advancedApmQp", "Advanced APM QP"],
] as const;

/** The membership's statuses and low-volume figures for a year (dollars typed, cents stored). */
export function YearFiguresForm({ organization, membershipId, performanceYear, figures, tinLabel }: { organization: string; membershipId: string; performanceYear: number; figures: FiguresValues | null; tinLabel: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const save = useMutation(trpc.clinicians.setYearStatus.mutationOptions({ onSuccess: () => router.refresh() }));
  const issues = errorIssues(save.error);
  const id = (name: string) => `${membershipId}-${name}`;
  return (
    <form
      key={figures?.version ?? "new"}
      className="grid gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const dollars = String(f.get("allowedCharges") ?? "");
        const beneficiaries = String(f.get("partBBeneficiaries") ?? "").trim();
        save.mutate({
          organization,
          membershipId,
          performanceYear,
          expectedVersion: figures?.version,
          // An amount that is not dollars is sent as NaN so the schema reports it on the field.
          allowedChargesCents: parseDollarsToCents(dollars) ?? Number.NaN,
          partBBeneficiaries: beneficiaries === "" ? Number.NaN : Number(beneficiaries),
          ...Object.fromEntries(FLAGS.map(([key]) => [key, f.get(key) === "on"])),
        });
      }}
    >
      <p className="text-sm font-medium">
        {performanceYear} figures under {tinLabel}
      </p>
      <div className="grid grid-cols-2 gap-3">
        <FormField id={id("charges")} label="Medicare allowed charges (USD)" error={fieldError(issues, "allowedChargesCents")}>
          <Input name="allowedCharges" inputMode="decimal" defaultValue={figures ? centsToDollars(figures.allowedChargesCents) : ""} />
        </FormField>
        <FormField id={id("beneficiaries")} label="Part B beneficiaries" error={fieldError(issues, "partBBeneficiaries")}>
          <Input name="partBBeneficiaries" inputMode="numeric" defaultValue={figures ? String(figures.partBBeneficiaries) : ""} />
        </FormField>
      </div>
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        {FLAGS.map(([key, label]) => (
          <div key={key} className="flex items-center gap-2">
            <input type="checkbox" id={id(key)} name={key} defaultChecked={figures?.[key] ?? false} className="size-4" />
            <Label htmlFor={id(key)}>{label}</Label>
          </div>
        ))}
      </div>
      <MutationError error={save.error} />
      <Button type="submit" variant="outline" disabled={save.isPending}>
        Save {performanceYear} figures
      </Button>
    </form>
  );
}

/** Edits a membership's start and end dates (an end date records a departure), or removes one entered by mistake. */
export function MembershipDatesForm({ organization, membership, tinLabel }: { organization: string; membership: { id: string; startDate: string; endDate: string | null; version: number }; tinLabel: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const update = useMutation(trpc.clinicians.updateMembership.mutationOptions({ onSuccess: () => router.refresh() }));
  const remove = useMutation(trpc.clinicians.removeMembership.mutationOptions({ onSuccess: () => router.refresh() }));
  const issues = errorIssues(update.error);
  const id = (name: string) => `${membership.id}-${name}`;
  return (
    <form
      key={membership.version}
      className="grid gap-3 sm:grid-cols-4 sm:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        update.mutate({ organization, membershipId: membership.id, startDate: String(f.get("startDate") ?? ""), endDate: String(f.get("endDate") ?? ""), expectedVersion: membership.version });
      }}
    >
      <FormField id={id("start")} label={`Billing under ${tinLabel} since`} error={fieldError(issues, "startDate")}>
        <Input name="startDate" type="date" defaultValue={membership.startDate} />
      </FormField>
      <FormField id={id("end")} label="Until" hint="Empty while billing" error={fieldError(issues, "endDate")}>
        <Input name="endDate" type="date" defaultValue={membership.endDate ?? ""} />
      </FormField>
      <Button type="submit" variant="outline" disabled={update.isPending}>
        Save dates
      </Button>
      <Button
        type="button"
        variant="outline"
        disabled={remove.isPending}
        aria-label={`Remove membership of ${tinLabel}`}
        onClick={() => {
          if (window.confirm(`Remove this clinician from ${tinLabel}, with its figures? To record a departure, set an end date instead.`)) {
            remove.mutate({ organization, membershipId: membership.id, expectedVersion: membership.version });
          }
        }}
      >
        Remove
      </Button>
      <div className="sm:col-span-4">
        <MutationError error={update.error ?? remove.error} />
      </div>
    </form>
  );
}
