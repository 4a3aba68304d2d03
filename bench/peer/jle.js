'use strict'
// The rule subset on json-logic-engine, compiled mode (engine.build turns
// each JSON Logic expression into a JavaScript function once).
//
// Usage: node jle.js ROLES.yaml PLANS.ndjson
//
// Each rule of subset.js becomes two JSON Logic expressions, T and F (see
// harness.js).  Everything is the engine's own operators (var, ===, !==,
// in, some, none, and, or, !, substr) but two small deterministic methods
// JSON Logic lacks: lower (for case-insensitive text) and digits (a
// Partner ID is digits only).

const { LogicEngine } = require('json-logic-engine')
const harness = require('./harness')
const rules = require('./subset')

const [rolesFile, plansFile] = process.argv.slice(2)
const lists = harness.readLists(rolesFile)
const lowered = {}
for (const k of Object.keys(lists)) lowered[k] = lists[k].map((s) => s.toLowerCase())

const engine = new LogicEngine()
engine.addMethod('lower', ([s]) => (typeof s === 'string' ? s.toLowerCase() : s), { deterministic: true })
engine.addMethod('digits', ([s]) => typeof s === 'string' && /^[0-9]+$/.test(s), { deterministic: true })

const ITEM = { var: '' }

// A test on an array item: two-valued, the item is always there.
function item (c, text) {
  if (c.all) return { and: c.all.map((k) => item(k, text)) }
  if (c.any) return { or: c.any.map((k) => item(k, text)) }
  if (c.not) return { '!': item(c.not, text) }
  const it = text ? { lower: ITEM } : ITEM
  if ('equals' in c) return { '===': [it, text ? c.equals.toLowerCase() : c.equals] }
  if ('one_of' in c) return { in: [it, c.one_of] }
  if ('pec_eligible_role' in c) return cmp(c.pec_eligible_role, { in: [{ lower: ITEM }, lowered.pec_eligible_roles] })
  if ('pec_ineligible_role' in c) return cmp(c.pec_ineligible_role, { in: [{ lower: ITEM }, lowered.pec_ineligible_roles] })
  if ('starts_with' in c) {
    const p = c.starts_with.toLowerCase()
    return { '===': [{ lower: { substr: [ITEM, 0, p.length] } }, p] }
  }
  throw new Error('jle: no port for item test ' + JSON.stringify(c))
}

function cmp (want, e) {
  return want ? e : { '!': e }
}

// [T, F] of a condition on the plan.
function tf (c) {
  if (c.all) {
    const k = c.all.map(tf)
    return [{ and: k.map((x) => x[0]) }, { or: k.map((x) => x[1]) }]
  }
  if (c.any) {
    const k = c.any.map(tf)
    return [{ or: k.map((x) => x[0]) }, { and: k.map((x) => x[1]) }]
  }
  if (c.not) {
    const [t, f] = tf(c.not)
    return [f, t]
  }
  const v = { var: c.path.slice(1).split('/').join('.') }
  const present = { '!==': [v, null] }
  const both = (t) => [{ and: [present, t] }, { and: [present, { '!': t }] }]
  if ('exists' in c) return c.exists ? [present, { '!': present }] : [{ '!': present }, present]
  if ('missing' in c) return c.missing ? [{ '!': present }, present] : [present, { '!': present }]
  if ('equals' in c) return both({ '===': [v, c.equals] })
  if ('not_equals' in c) return both({ '!==': [v, c.not_equals] })
  if ('one_of' in c) return both({ in: [v, c.one_of] })
  if ('is_partner_id' in c) return both(cmp(c.is_partner_id, { digits: v }))
  if ('empty' in c) return both(cmp(c.empty, { none: [v, true] }))
  const text = harness.TEXT_ITEMS.has(c.path)
  if ('any_item' in c) return both({ some: [v, item(c.any_item, text)] })
  if ('no_item' in c) return both({ none: [v, item(c.no_item, text)] })
  // JSON Logic's "all" is false on an empty array; all_items is true there.
  if ('all_items' in c) return both({ none: [v, { '!': item(c.all_items, text) }] })
  throw new Error('jle: no port for test ' + JSON.stringify(c))
}

const compiled = rules.map((r) => {
  const [t, f] = tf(r.when)
  return [engine.build(t), engine.build(f)]
})

function evalView (plan) {
  const res = new Array(compiled.length)
  for (let i = 0; i < compiled.length; i++) {
    const [t, f] = compiled[i]
    res[i] = t(plan) ? harness.T : f(plan) ? harness.F : harness.U
  }
  return res
}

harness.run(rules, plansFile, evalView).catch((e) => {
  console.error('jle: ' + e.message)
  process.exit(1)
})
