import requireOrganizationFilter from "./require-organization-filter.js";

/** Our own lint rules, as an ESLint plugin named `tenant`. */
export default { rules: { "require-organization-filter": requireOrganizationFilter } };
