/**
 * tenant/require-organization-filter: in services, every select/update/delete on a tenant-owned table must
 * filter on organization_id. A query `db.select().from(clinicians)`, `tx.update(tins)` or
 * `tx.delete(hardships)` must have a `.where(...)` whose condition mentions `organizationId` (directly, or
 * through a variable declared with such a condition). Global tables (users, organizations, sign-in
 * attempts, sessions, password reset tokens, two-factor credentials, recovery codes, sign-in events) are exempt. Forgetting the filter would show or change another tenant's rows.
 */
const GLOBAL_TABLES = new Set(["users", "organizations", "signInAttempts", "sessions", "passwordResetTokens", "twoFactorCredentials", "recoveryCodes", "signInEvents"]);
const QUERY_ROOTS = new Set(["from", "update", "delete"]);

/** The outermost call of a method chain that starts at `node`. */
function chainTop(node) {
  let current = node;
  while (
    current.parent &&
    ((current.parent.type === "MemberExpression" && current.parent.object === current) ||
      (current.parent.type === "CallExpression" && current.parent.callee === current) ||
      false)
  ) {
    current = current.parent;
  }
  return current;
}

/** Every `.where(arg)` argument between `start` and `top` in the chain. */
function whereArguments(start, top) {
  const found = [];
  let current = start;
  while (current && current !== top.parent) {
    if (
      current.type === "CallExpression" &&
      current.callee.type === "MemberExpression" &&
      current.callee.property.type === "Identifier" &&
      current.callee.property.name === "where"
    ) {
      found.push(current.arguments[0]);
    }
    if (current === top) break;
    current = current.parent;
  }
  return found;
}

/** Identifiers used inside `node` (not property names), to follow conditions built in variables. */
function identifiersIn(node, found = []) {
  if (!node || typeof node.type !== "string") return found;
  if (node.type === "Identifier") {
    found.push(node);
    return found;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === "parent" || (node.type === "MemberExpression" && key === "property" && !node.computed)) continue;
    if (Array.isArray(value)) value.forEach((child) => identifiersIn(child, found));
    else if (value && typeof value === "object") identifiersIn(value, found);
  }
  return found;
}

/** Whether the condition mentions organizationId, directly or through variables it uses (3 levels deep). */
function mentionsOrganization(sourceCode, node, scopeNode, depth = 0) {
  if (!node) return false;
  if (/\.organizationId\b/.test(sourceCode.getText(node))) return true;
  if (depth >= 3) return false;
  return identifiersIn(node).some((identifier) => {
    let scope = sourceCode.getScope(scopeNode);
    while (scope) {
      const variable = scope.set.get(identifier.name);
      if (variable) {
        return variable.defs.some(
          (def) => def.node.type === "VariableDeclarator" && mentionsOrganization(sourceCode, def.node.init, scopeNode, depth + 1),
        );
      }
      scope = scope.upper;
    }
    return false;
  });
}

function tableImports(program) {
  const names = new Set();
  for (const statement of program.body) {
    if (statement.type !== "ImportDeclaration") continue;
    if (!/(^|\/)db\/schema/.test(statement.source.value)) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === "ImportSpecifier" && statement.importKind !== "type" && specifier.importKind !== "type") {
        names.add(specifier.local.name);
      }
    }
  }
  return names;
}

export default {
  meta: {
    type: "problem",
    docs: { description: "Tenant-owned tables must be filtered on organizationId in every select, update and delete." },
    schema: [],
    messages: {
      missingWhere: "Query on tenant table `{{table}}` has no .where(): filter on {{table}}.organizationId (scope.organizationId).",
      missingFilter: "Query on tenant table `{{table}}` does not filter on organizationId: add eq({{table}}.organizationId, scope.organizationId) to its .where().",
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;
    let tables = new Set();
    return {
      Program(program) {
        tables = tableImports(program);
      },
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== "MemberExpression" || callee.property.type !== "Identifier") return;
        if (!QUERY_ROOTS.has(callee.property.name)) return;
        const table = node.arguments[0];
        if (!table || table.type !== "Identifier" || !tables.has(table.name) || GLOBAL_TABLES.has(table.name)) return;
        const top = chainTop(node);
        const wheres = whereArguments(node, top);
        if (wheres.length === 0) {
          context.report({ node, messageId: "missingWhere", data: { table: table.name } });
          return;
        }
        if (!wheres.some((arg) => mentionsOrganization(sourceCode, arg, node))) {
          context.report({ node, messageId: "missingFilter", data: { table: table.name } });
        }
      },
    };
  },
};
