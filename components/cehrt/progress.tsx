/**
 * A labelled progress bar (the native element: screen readers announce its value). Without `value` it
 * is indeterminate, for steps whose progress the browser does not report (the server's checks).
 */
export function ProgressBar({ label, value, max = 1, detail }: { label: string; value?: number | undefined; max?: number; detail?: string }) {
  return (
    <div className="grid gap-1" role="status">
      <div className="flex justify-between text-sm">
        <span>{label}</span>
        {detail ? <span className="text-muted-foreground">{detail}</span> : null}
      </div>
      <progress
        aria-label={label}
        className="h-2 w-full overflow-hidden rounded-full [&::-moz-progress-bar]:bg-primary [&::-webkit-progress-bar]:bg-muted [&::-webkit-progress-value]:bg-primary"
        {...(value === undefined ? {} : { value, max })}
      />
    </div>
  );
}
