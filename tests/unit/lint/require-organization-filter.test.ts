import { afterAll, describe, it } from "vitest";
import { RuleTester } from "eslint";
import tseslint from "typescript-eslint";
// @ts-expect-error -- plain JavaScript ESLint rule without type declarations
import rule from "../../../eslint-rules/require-organization-filter.js";

// RuleTester runs its cases through the test framework's hooks (static properties missing from its types).
Object.assign(RuleTester, { afterAll, describe, it, itOnly: it.only });

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: "module" } });
const header = `import { and, eq } from "drizzle-orm";\nimport { clinicians, users } from "@/db/schema";\n`;

tester.run("tenant/require-organization-filter", rule, {
  valid: [
    { code: header + `db.select().from(clinicians).where(and(eq(clinicians.id, id), eq(clinicians.organizationId, scope.organizationId)));` },
    { code: header + `const where = and(eq(clinicians.organizationId, scope.organizationId));\ndb.select().from(clinicians).where(where).limit(5);` },
    { code: header + `tx.update(clinicians).set({ name }).where(and(eq(clinicians.id, id), eq(clinicians.organizationId, orgId)));` },
    { code: header + `db.select().from(users).where(eq(users.id, id));` },
    { code: header + `const conditions = [eq(clinicians.organizationId, orgId)];\nconst where = and(...conditions);\ndb.select().from(clinicians).where(where);` },
    { code: `const clinicians = [];\ndb.select().from(clinicians);` },
  ],
  invalid: [
    { code: header + `db.select().from(clinicians).where(eq(clinicians.id, id));`, errors: [{ messageId: "missingFilter" }] },
    { code: header + `db.select().from(clinicians).limit(10);`, errors: [{ messageId: "missingWhere" }] },
    { code: header + `tx.delete(clinicians).where(eq(clinicians.id, id));`, errors: [{ messageId: "missingFilter" }] },
    { code: header + `const where = eq(clinicians.id, id);\ntx.update(clinicians).set({ name }).where(where);`, errors: [{ messageId: "missingFilter" }] },
    { code: header + `const conditions = [eq(clinicians.id, id)];\ndb.select().from(clinicians).where(and(...conditions));`, errors: [{ messageId: "missingFilter" }] },
  ],
});
