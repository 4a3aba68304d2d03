'use strict'
// The rule subset both peer engines run: every rule that gives CSP, DPOR or
// PAL a verdict -- the 3 verdict rules of rules/csp.yaml, the 12 of
// rules/dpor.yaml, the 3 of rules/general.yaml that block several
// mechanisms, the 22 of rules/pal.yaml: 40 rules, in declaration order
// (files by name, rules within them).  Each is transcribed from its YAML:
// the same id, mechanisms, verdict signal and `when`, with conditions kept
// in the rule language's own shape (all/any/not, one operator per test,
// item tests without a path), so the port is checked by reading the two
// side by side.  bench/run.sh runs attrib-advise with exactly these rules
// (bench/subset.sh cuts them out of rules/) and compares every verdict.
//
// Findings, reasons and actions are not ported: they decide no verdict.

const AZURE = { path: '/customer/workloads', any_item: { equals: 'azure' } }
const TO_CUSTOMER = { path: '/engagement/access/to_customer', equals: true }
const ELIGIBLE = { path: '/engagement/access/roles', any_item: { pec_eligible_role: true } }
const CLASSIC = { any: [{ equals: 'Co-Administrator' }, { equals: 'Service Administrator' }, { equals: 'Account Administrator' }] }
// A role that counts: Owner not through Lighthouse, which cannot delegate it.
const COUNTS = { any: [
  { all: [{ path: '/engagement/access/identity', not_equals: 'lighthouse' }, ELIGIBLE] },
  { path: '/engagement/access/roles', any_item: { all: [{ pec_eligible_role: true }, { not: { equals: 'Owner' } }] } }] }

module.exports = [
  // rules/csp.yaml
  { id: 'csp.transacting-partner', mech: ['CSP'], verdict: 'automatic',
    when: { path: '/engagement/transacting_partner', equals: true } },
  { id: 'csp.not-in-transaction', mech: ['CSP'], verdict: 'exclude',
    when: { path: '/engagement/transacting_partner', equals: false } },
  { id: 'csp.transacting-not-csp', mech: ['CSP'], verdict: 'block',
    when: { all: [
      { path: '/engagement/transacting_partner', equals: true },
      { path: '/customer/agreement', exists: true },
      { path: '/customer/agreement', not_equals: 'csp' }] } },

  // rules/dpor.yaml
  { id: 'dpor.not-servicing', mech: ['DPOR'], verdict: 'exclude',
    when: { path: '/engagement/activities', no_item: { one_of: ['deploy', 'operate', 'advise', 'resell'] } } },
  { id: 'dpor.not-ea', mech: ['DPOR'], verdict: 'exclude',
    when: { all: [AZURE, { path: '/customer/agreement', one_of: ['web_direct', 'csp'] }] } },
  { id: 'dpor.mca-uncertain', mech: ['DPOR'], verdict: { fit: 20 },
    when: { all: [AZURE, { path: '/customer/agreement', equals: 'mca' }] } },
  { id: 'dpor.held-by-other', mech: ['DPOR'], verdict: 'block',
    when: { all: [
      { path: '/customer/dpor/current', equals: 'other' },
      { path: '/customer/dpor/will_assign', equals: false }] } },
  { id: 'dpor.switch-agreed', mech: ['DPOR'], verdict: { fit: 60 },
    when: { all: [
      { path: '/customer/dpor/current', equals: 'other' },
      { path: '/customer/dpor/will_assign', equals: true },
      { any: [
        { path: '/customer/agreement_change', missing: true },
        { path: '/customer/agreement_change', not_equals: 'ea_to_mca' },
        { path: '/customer/workloads', no_item: { equals: 'azure' } }] },
      { any: [
        { path: '/customer/agreement', not_equals: 'mca' },
        { path: '/customer/workloads', no_item: { equals: 'azure' } }] }] } },
  { id: 'dpor.switch-before-move', mech: ['DPOR'], verdict: { fit: 30 },
    when: { all: [
      AZURE,
      { path: '/customer/agreement_change', equals: 'ea_to_mca' },
      { path: '/customer/dpor/current', equals: 'other' },
      { path: '/customer/dpor/will_assign', equals: true }] } },
  { id: 'dpor.set-to-you', mech: ['DPOR'], verdict: { fit: 60 },
    when: { all: [
      { path: '/customer/dpor/current', equals: 'self' },
      { any: [
        { path: '/customer/agreement', not_equals: 'mca' },
        { path: '/customer/workloads', no_item: { equals: 'azure' } }] },
      { any: [
        { path: '/customer/agreement_change', missing: true },
        { path: '/customer/agreement_change', not_equals: 'ea_to_mca' },
        { path: '/customer/workloads', no_item: { equals: 'azure' } }] }] } },
  { id: 'dpor.set-before-move', mech: ['DPOR'], verdict: { fit: 30 },
    when: { all: [
      AZURE,
      { path: '/customer/agreement_change', equals: 'ea_to_mca' },
      { path: '/customer/dpor/current', equals: 'self' }] } },
  { id: 'dpor.customer-will-assign', mech: ['DPOR'], verdict: { fit: 60 },
    when: { all: [
      { path: '/customer/dpor/current', equals: 'none' },
      { path: '/customer/dpor/will_assign', equals: true },
      { any: [
        { path: '/customer/agreement', equals: 'ea' },
        { path: '/customer/workloads', no_item: { equals: 'azure' } }] },
      { any: [
        { path: '/customer/agreement_change', missing: true },
        { path: '/customer/agreement_change', not_equals: 'ea_to_mca' },
        { path: '/customer/workloads', no_item: { equals: 'azure' } }] }] } },
  { id: 'dpor.assign-before-move', mech: ['DPOR'], verdict: { fit: 30 },
    when: { all: [
      AZURE,
      { path: '/customer/agreement', equals: 'ea' },
      { path: '/customer/agreement_change', equals: 'ea_to_mca' },
      { path: '/customer/dpor/current', equals: 'none' },
      { path: '/customer/dpor/will_assign', equals: true }] } },
  { id: 'dpor.mca-declined', mech: ['DPOR'], verdict: 'exclude',
    when: { all: [
      AZURE,
      { path: '/customer/agreement', equals: 'mca' },
      { path: '/customer/dpor/current', one_of: ['none', 'other'] },
      { path: '/customer/dpor/will_assign', equals: false }] } },
  { id: 'dpor.customer-declines', mech: ['DPOR'], verdict: 'block',
    when: { all: [
      { path: '/customer/dpor/current', equals: 'none' },
      { path: '/customer/dpor/will_assign', equals: false }] } },

  // rules/general.yaml
  { id: 'gen.partner-id-format', mech: ['DPOR', 'PAL', 'CPOR', 'PRACR'], verdict: 'block',
    when: { all: [
      { path: '/partner/partner_id', exists: true },
      { path: '/partner/partner_id', is_partner_id: false }] } },
  { id: 'gen.global-partner-id', mech: ['DPOR', 'PAL', 'CPOR', 'PRACR'], verdict: 'block',
    when: { path: '/partner/partner_id_kind', equals: 'global' } },
  { id: 'gen.no-recognised-revenue', mech: ['CSP', 'DPOR', 'PAL', 'CUA'], verdict: 'block',
    when: { all: [
      { path: '/customer/offer_category', one_of: ['sponsored', 'internal', 'trial', 'benefit'] },
      AZURE] } },

  // rules/pal.yaml
  { id: 'pal.cloud-not-covered', mech: ['PAL'], verdict: 'exclude',
    when: { all: [
      { path: '/customer/workloads', any_item: { one_of: ['modern_work', 'dynamics_365'] } },
      { path: '/customer/workloads', no_item: { one_of: ['azure', 'power_platform', 'customer_insights'] } }] } },
  { id: 'pal.no-workload', mech: ['PAL'], verdict: 'exclude',
    when: { path: '/customer/workloads', no_item: { one_of: ['azure', 'modern_work', 'dynamics_365', 'power_platform', 'customer_insights'] } } },
  { id: 'pal.no-access', mech: ['PAL'], verdict: 'exclude',
    when: { all: [
      { path: '/engagement/access/to_customer', equals: false },
      { path: '/engagement/activities', no_item: { one_of: ['deploy', 'operate'] } }] } },
  { id: 'pal.transacting-csp', mech: ['PAL'], verdict: 'exclude',
    when: { all: [
      { path: '/engagement/transacting_partner', equals: true },
      { path: '/customer/agreement', equals: 'csp' },
      { path: '/customer/agreement_change', not_equals: 'csp_to_direct' }] } },
  { id: 'pal.marketplace-managed-service', mech: ['PAL'], verdict: 'automatic',
    when: { all: [
      AZURE,
      { path: '/engagement/access/identity', equals: 'lighthouse' },
      { path: '/engagement/access/lighthouse_offer', equals: 'marketplace' }] } },
  { id: 'pal.no-access-yet', mech: ['PAL'], verdict: 'block',
    when: { all: [
      { path: '/engagement/access/to_customer', equals: false },
      { path: '/engagement/activities', any_item: { one_of: ['deploy', 'operate'] } }] } },
  { id: 'pal.identity-none', mech: ['PAL'], verdict: 'block',
    when: { all: [
      TO_CUSTOMER,
      { path: '/engagement/access/identity', exists: true },
      { path: '/engagement/access/identity', equals: 'none' }] } },
  { id: 'pal.gdap-only', mech: ['PAL'], verdict: 'block',
    when: { all: [
      AZURE,
      { path: '/engagement/access/identity', exists: true },
      { path: '/engagement/access/identity', equals: 'gdap_only' }] } },
  { id: 'pal.admin-agents-without-csp', mech: ['PAL'], verdict: 'block',
    when: { all: [
      AZURE,
      { path: '/engagement/access/identity', exists: true },
      { path: '/engagement/access/identity', equals: 'csp_admin_agents' },
      { path: '/customer/agreement', exists: true },
      { path: '/customer/agreement', not_equals: 'csp' }] } },
  { id: 'pal.admin-agents-not-in-transaction', mech: ['PAL'], verdict: 'block',
    when: { all: [
      AZURE,
      { path: '/engagement/access/identity', exists: true },
      { path: '/engagement/access/identity', equals: 'csp_admin_agents' },
      { path: '/engagement/transacting_partner', equals: false },
      { any: [
        { path: '/customer/agreement', missing: true },
        { path: '/customer/agreement', equals: 'csp' }] },
      { path: '/partner/types', exists: true },
      { path: '/partner/types', no_item: { one_of: ['csp_indirect_provider', 'csp_indirect_reseller'] } }] } },
  { id: 'pal.roles-not-eligible', mech: ['PAL'], verdict: 'block',
    when: { all: [
      AZURE,
      TO_CUSTOMER,
      { path: '/engagement/access/roles', any_item: { pec_ineligible_role: true } },
      { path: '/engagement/access/roles', all_items: { pec_ineligible_role: true } }] } },
  { id: 'pal.no-role-yet', mech: ['PAL'], verdict: 'block',
    when: { all: [AZURE, TO_CUSTOMER, { path: '/engagement/access/roles', empty: true }] } },
  { id: 'pal.lighthouse-role-unsupported', mech: ['PAL'], verdict: 'block',
    when: { all: [
      AZURE,
      { path: '/engagement/access/identity', equals: 'lighthouse' },
      { path: '/engagement/access/roles', any_item: { any: [{ equals: 'Owner' }, { starts_with: 'custom:' }, CLASSIC] } },
      { path: '/engagement/access/roles', no_item: { all: [{ pec_eligible_role: true }, { not: { equals: 'Owner' } }] } },
      { path: '/engagement/access/roles',
        no_item: { all: [
          { not: { pec_eligible_role: true } },
          { not: { pec_ineligible_role: true } },
          { not: { starts_with: 'custom:' } },
          { not: CLASSIC }] } }] } },
  { id: 'pal.lighthouse-jit', mech: ['PAL'], verdict: 'block',
    when: { all: [
      AZURE,
      { path: '/engagement/access/identity', equals: 'lighthouse' },
      { path: '/engagement/access/assignment', equals: 'jit' }] } },
  { id: 'pal.power-platform-not-owner', mech: ['PAL'], verdict: 'block',
    when: { all: [
      { path: '/customer/workloads', any_item: { one_of: ['power_platform', 'customer_insights'] } },
      TO_CUSTOMER,
      { path: '/engagement/access/resource_owner', equals: false }] } },
  { id: 'pal.serving-csp-customer', mech: ['PAL'], verdict: { fit: 80 },
    when: { all: [
      AZURE,
      TO_CUSTOMER,
      { path: '/customer/agreement', equals: 'csp' },
      { path: '/engagement/transacting_partner', equals: false },
      COUNTS] } },
  { id: 'pal.write-role', mech: ['PAL'], verdict: { fit: 80 },
    when: { all: [AZURE, TO_CUSTOMER, COUNTS] } },
  { id: 'pal.classic-role-named', mech: ['PAL'], verdict: { fit: 30 },
    when: { all: [
      { path: '/engagement/access/roles', any_item: CLASSIC },
      AZURE,
      TO_CUSTOMER,
      { path: '/engagement/access/roles', no_item: { pec_eligible_role: true } }] } },
  { id: 'pal.role-unknown', mech: ['PAL'], verdict: { fit: 30 },
    when: { all: [
      { path: '/engagement/access/roles',
        any_item: { all: [{ not: { pec_eligible_role: true } }, { not: { pec_ineligible_role: true } }, { not: CLASSIC }] } },
      AZURE,
      TO_CUSTOMER,
      { path: '/engagement/access/roles', no_item: { pec_eligible_role: true } }] } },
  { id: 'pal.lighthouse-role-unknown', mech: ['PAL'], verdict: { fit: 30 },
    when: { all: [
      { path: '/engagement/access/roles',
        any_item: { all: [
          { not: { pec_eligible_role: true } },
          { not: { pec_ineligible_role: true } },
          { not: { starts_with: 'custom:' } },
          { not: CLASSIC }] } },
      AZURE,
      TO_CUSTOMER,
      { path: '/engagement/access/identity', equals: 'lighthouse' },
      { path: '/engagement/access/roles', any_item: { equals: 'Owner' } },
      { path: '/engagement/access/roles', no_item: { all: [{ pec_eligible_role: true }, { not: { equals: 'Owner' } }] } }] } },
  { id: 'pal.agreement-change', mech: ['PAL'], verdict: { fit: 90 },
    when: { all: [
      AZURE,
      TO_CUSTOMER,
      { path: '/customer/agreement_change', one_of: ['ea_to_mca', 'csp_to_direct'] },
      COUNTS] } },
  { id: 'pal.power-platform', mech: ['PAL'], verdict: { fit: 80 },
    when: { all: [
      { path: '/customer/workloads', any_item: { one_of: ['power_platform', 'customer_insights'] } },
      TO_CUSTOMER,
      { path: '/engagement/access/resource_owner', equals: true }] } }
]
