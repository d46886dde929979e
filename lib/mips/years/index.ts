/**
 * Every performance year's facts, one file per year (`2023.ts` holds 2023's values with their sources).
 * To add a year: write `<year>.ts`, list it here and in `../years.ts`, and add its catalog.
 */
import type { PerformanceYear } from "../years";
import { PY2017 } from "./2017";
import { PY2018 } from "./2018";
import { PY2019 } from "./2019";
import { PY2020 } from "./2020";
import { PY2021 } from "./2021";
import { PY2022 } from "./2022";
import { PY2023 } from "./2023";
import { PY2024 } from "./2024";
import { PY2025 } from "./2025";
import { PY2026 } from "./2026";
import type { YearFacts } from "./types";

const FACTS: Record<PerformanceYear, YearFacts> = {
  2017: PY2017,
  2018: PY2018,
  2019: PY2019,
  2020: PY2020,
  2021: PY2021,
  2022: PY2022,
  2023: PY2023,
  2024: PY2024,
  2025: PY2025,
  2026: PY2026,
};

/** The same facts at `year - 2017`: an array read, where the object's sparse integer keys make a dictionary. */
const FACTS_FROM_2017: (YearFacts | undefined)[] = [];
for (const [year, facts] of Object.entries(FACTS)) FACTS_FROM_2017[Number(year) - 2017] = facts;

/** The facts of a supported performance year. */
export function yearFacts(year: PerformanceYear): YearFacts {
  return FACTS_FROM_2017[year - 2017] as YearFacts;
}

export type * from "./types";
