'use strict'
// The rule subset on json-rules-engine.
//
// Usage: node jre.js ROLES.yaml PLANS.ndjson
//
// Each rule of subset.js becomes two engine rules, T and F (see
// harness.js); a view is one run of the engine with the plan as the fact
// "plan", each test reading its field with the engine's JSONPath.  The
// engine's own operators serve where they fit (equal, in, contains,
// doesNotContain); the rest are operators added with addOperator, the
// engine's way to extend it: a value that must be present (the engine's
// notEqual and notIn are true of an absent one), Partner ID digits, and
// the item tests JSON rules cannot nest (case-insensitive role lists,
// starts_with), each compiled once to a predicate over the array.

const { Engine } = require('json-rules-engine')
const harness = require('./harness')
const rules = require('./subset')

const [rolesFile, plansFile] = process.argv.slice(2)
const lists = harness.readLists(rolesFile)
const sets = {}
for (const k of Object.keys(lists)) sets[k] = new Set(lists[k].map((s) => s.toLowerCase()))

const engine = new Engine([], { allowUndefinedFacts: true })
engine.addOperator('present', (a) => a !== undefined)
engine.addOperator('absent', (a) => a === undefined)
engine.addOperator('presentNotEqual', (a, b) => a !== undefined && a !== b)
engine.addOperator('presentNotIn', (a, b) => a !== undefined && !b.includes(a))
engine.addOperator('partnerId', (a, b) => typeof a === 'string' && /^[0-9]+$/.test(a) === b)
engine.addOperator('notPartnerId', (a, b) => typeof a === 'string' && /^[0-9]+$/.test(a) !== b)
engine.addOperator('emptyIs', (a, b) => Array.isArray(a) && (a.length === 0) === b)
engine.addOperator('emptyIsNot', (a, b) => Array.isArray(a) && (a.length === 0) !== b)

// A two-valued test on an array item, as a JavaScript predicate.
function item (c, text) {
  if (c.all) {
    const k = c.all.map((x) => item(x, text))
    return (s) => k.every((p) => p(s))
  }
  if (c.any) {
    const k = c.any.map((x) => item(x, text))
    return (s) => k.some((p) => p(s))
  }
  if (c.not) {
    const k = item(c.not, text)
    return (s) => !k(s)
  }
  if ('equals' in c) {
    const v = text ? c.equals.toLowerCase() : c.equals
    return text ? (s) => s.toLowerCase() === v : (s) => s === v
  }
  if ('one_of' in c) return (s) => c.one_of.includes(s)
  for (const op of ['pec_eligible_role', 'pec_ineligible_role']) {
    if (op in c) {
      const set = sets[op + 's']
      return (s) => set.has(s.toLowerCase()) === c[op]
    }
  }
  if ('starts_with' in c) {
    const p = c.starts_with.toLowerCase()
    return (s) => s.toLowerCase().startsWith(p)
  }
  throw new Error('jre: no port for item test ' + JSON.stringify(c))
}

// Quantifier operators, one set per distinct item test.
const quantifiers = new Map()
function quantifier (kind, c, text) {
  const key = JSON.stringify([c, text])
  if (!quantifiers.has(key)) {
    const id = 'q' + quantifiers.size
    const p = item(c, text)
    const some = (a) => Array.isArray(a) && a.some(p)
    const none = (a) => Array.isArray(a) && !a.some(p)
    const every = (a) => Array.isArray(a) && a.every(p)
    const notEvery = (a) => Array.isArray(a) && !a.every(p)
    engine.addOperator(id + 'some', some)
    engine.addOperator(id + 'none', none)
    engine.addOperator(id + 'every', every)
    engine.addOperator(id + 'notEvery', notEvery)
    quantifiers.set(key, id)
  }
  return quantifiers.get(key) + kind
}

// Item tests the engine's own array operators express.
function native (c, text) {
  if (text) return null
  if ('equals' in c) return [c.equals]
  if ('one_of' in c) return c.one_of
  return null
}

// [T, F] of a condition on the plan, as engine conditions.
function tf (c) {
  if (c.all) {
    const k = c.all.map(tf)
    return [{ all: k.map((x) => x[0]) }, { any: k.map((x) => x[1]) }]
  }
  if (c.any) {
    const k = c.any.map(tf)
    return [{ any: k.map((x) => x[0]) }, { all: k.map((x) => x[1]) }]
  }
  if (c.not) {
    const [t, f] = tf(c.not)
    return [f, t]
  }
  const path = '$.' + c.path.slice(1).split('/').join('.')
  const test = (operator, value) => ({ fact: 'plan', path, operator, value })
  if ('exists' in c) return c.exists ? [test('present', true), test('absent', true)] : [test('absent', true), test('present', true)]
  if ('missing' in c) return c.missing ? [test('absent', true), test('present', true)] : [test('present', true), test('absent', true)]
  if ('equals' in c) return [test('equal', c.equals), test('presentNotEqual', c.equals)]
  if ('not_equals' in c) return [test('presentNotEqual', c.not_equals), test('equal', c.not_equals)]
  if ('one_of' in c) return [test('in', c.one_of), test('presentNotIn', c.one_of)]
  if ('is_partner_id' in c) return [test('partnerId', c.is_partner_id), test('notPartnerId', c.is_partner_id)]
  if ('empty' in c) return [test('emptyIs', c.empty), test('emptyIsNot', c.empty)]
  const text = harness.TEXT_ITEMS.has(c.path)
  for (const q of ['any_item', 'no_item']) {
    if (!(q in c)) continue
    const vals = native(c[q], text)
    let some, none
    if (vals) {
      some = { any: vals.map((v) => test('contains', v)) }
      none = { all: vals.map((v) => test('doesNotContain', v)) }
    } else {
      some = test(quantifier('some', c[q], text), true)
      none = test(quantifier('none', c[q], text), true)
    }
    return q === 'any_item' ? [some, none] : [none, some]
  }
  if ('all_items' in c) {
    return [test(quantifier('every', c.all_items, text), true),
      test(quantifier('notEvery', c.all_items, text), true)]
  }
  throw new Error('jre: no port for test ' + JSON.stringify(c))
}

// A condition that is one test is wrapped: a rule's conditions start with
// all, any or not.
const top = (c) => (c.all || c.any || c.not ? c : { all: [c] })
rules.forEach((r, i) => {
  const [t, f] = tf(r.when)
  engine.addRule({ conditions: top(t), event: { type: 'T', params: { i } } })
  engine.addRule({ conditions: top(f), event: { type: 'F', params: { i } } })
})

async function evalView (plan) {
  const res = new Array(rules.length).fill(harness.U)
  const { events } = await engine.run({ plan })
  for (const e of events) res[e.params.i] = e.type === 'T' ? harness.T : harness.F
  return res
}

harness.run(rules, plansFile, evalView).catch((e) => {
  console.error('jre: ' + e.message)
  process.exit(1)
})
