"use client";
/** The TIN dashboard's charts: the score breakdown against the 100 cap, and each vendor's share per measure. */
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { CHART_COLORS, ChartFigure } from "@/components/charts/chart-figure";
import type { VendorShare } from "@/server/services/dashboards/tin";

export function ScoreBreakdownChart({
  breakdown,
  measures = [],
}: {
  breakdown: { total: number; base?: number | undefined; performance?: number | undefined; bonus?: number | undefined };
  /** 2019+ (no base/performance/bonus): each measure's points make the bars. */
  measures?: readonly { measureId: string; points: number }[];
}) {
  if (breakdown.base === undefined) return <MeasurePointsChart total={breakdown.total} measures={measures} />;
  return <BasePerformanceBonusChart breakdown={{ base: breakdown.base, performance: breakdown.performance ?? 0, bonus: breakdown.bonus ?? 0, total: breakdown.total }} />;
}

function BasePerformanceBonusChart({ breakdown }: { breakdown: { base: number; performance: number; bonus: number; total: number } }) {
  const rows = [{ name: "PI category", ...breakdown }];
  return (
    <ChartFigure
      title="Score breakdown"
      description={`Base ${breakdown.base} + performance ${breakdown.performance} + bonus ${breakdown.bonus} = ${breakdown.total}%, capped at 100%.`}
      rows={[
        { part: "Base", value: breakdown.base },
        { part: "Performance", value: breakdown.performance },
        { part: "Bonus", value: breakdown.bonus },
        { part: "Total (before the cap)", value: breakdown.total },
        { part: "Category score (capped)", value: Math.min(100, breakdown.total) },
      ]}
      rowKey={(r) => r.part}
      columns={[
        { key: "part", label: "Part", value: (r) => r.part },
        { key: "value", label: "Percent", value: (r) => `${r.value}%` },
      ]}
      height={140}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={rows} layout="vertical" margin={{ left: 8, right: 24 }}>
          <CartesianGrid horizontal={false} />
          <XAxis type="number" domain={[0, Math.max(100, breakdown.total)]} unit="%" />
          <YAxis type="category" dataKey="name" width={90} />
          <Legend />
          <ReferenceLine x={100} stroke="#000" strokeDasharray="4 4" label={{ value: "cap 100", position: "top" }} />
          <Bar isAnimationActive={false} dataKey="base" name="Base" stackId="s" fill={CHART_COLORS[0]} />
          <Bar isAnimationActive={false} dataKey="performance" name="Performance" stackId="s" fill={CHART_COLORS[1]} />
          <Bar isAnimationActive={false} dataKey="bonus" name="Bonus" stackId="s" fill={CHART_COLORS[2]} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

export function VendorShareChart({ shares }: { shares: VendorShare[] }) {
  const vendors = [...new Set(shares.map((s) => s.vendor))];
  const measures = [...new Set(shares.map((s) => s.measureId))];
  const rows = measures.map((measureId) => {
    const row: Record<string, string | number> = { measureId };
    for (const v of vendors) row[v] = shares.find((s) => s.measureId === measureId && s.vendor === v)?.numerator ?? 0;
    return row;
  });
  return (
    <ChartFigure
      title="Numerator by CEHRT vendor"
      description="Each vendor's contribution to the group's summed numerator, per measure (from the aggregation lineage)."
      rows={shares}
      rowKey={(r) => `${r.measureId}|${r.vendor}`}
      columns={[
        { key: "measure", label: "Measure", value: (r) => r.measureId },
        { key: "vendor", label: "Vendor", value: (r) => r.vendor },
        { key: "numerator", label: "Numerator", value: (r) => r.numerator },
        { key: "denominator", label: "Denominator", value: (r) => r.denominator },
      ]}
      height={Math.max(200, 36 * measures.length + 60)}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={rows} layout="vertical" margin={{ left: 8, right: 24 }}>
          <CartesianGrid horizontal={false} />
          <XAxis type="number" />
          <YAxis type="category" dataKey="measureId" width={100} />
          <Legend />
          {vendors.map((v, i) => (
            <Bar isAnimationActive={false} key={v} dataKey={v} name={v} stackId="v" fill={CHART_COLORS[i % CHART_COLORS.length]} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

/** 2019+: the category is the sum of each measure's points (bonuses included), capped at 100. */
function MeasurePointsChart({ total, measures }: { total: number; measures: readonly { measureId: string; points: number }[] }) {
  const scored = measures.filter((m) => m.points > 0);
  const sum = scored.reduce((acc, m) => acc + m.points, 0);
  const rows = scored.map((m) => ({ name: m.measureId, points: m.points }));
  return (
    <ChartFigure
      title="Score breakdown"
      description={`${scored.map((m) => `${m.measureId} ${m.points}`).join(" + ") || "no measure points"} (with bonuses and public health, ${total} after the 100 cap).`}
      rows={[...rows.map((r) => ({ part: r.name, value: r.points })), { part: "Category score (capped)", value: Math.min(100, total) }]}
      rowKey={(r) => r.part}
      columns={[
        { key: "part", label: "Measure", value: (r) => r.part },
        { key: "value", label: "Points", value: (r) => String(r.value) },
      ]}
      height={Math.max(140, 28 * rows.length + 40)}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={rows} layout="vertical" margin={{ left: 8, right: 24 }}>
          <CartesianGrid horizontal={false} />
          <XAxis type="number" domain={[0, Math.max(40, ...rows.map((r) => r.points))]} />
          <YAxis type="category" dataKey="name" width={110} />
          <Bar isAnimationActive={false} dataKey="points" name={`Points (sum ${sum})`} fill={CHART_COLORS[1]} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
