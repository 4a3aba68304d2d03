'use strict'
// What both peer engines share: reading the batch, the workload views of a
// plan, the priority resolution of verdicts and the output line.  The
// engines decide only whether each rule of bench/peer/subset.js is true,
// false or unknown for a view; this file does, in JavaScript, what
// attrib-advise does around its own evaluator (src/eval.c: make_views,
// resolve, merge_mech), so the two print the same verdicts or the bench
// fails.
//
// Three-valued logic: a rule engine answers true or false, so each rule is
// given to it twice, as T (the condition is true) and F (it is false), by
// De Morgan over Kleene's connectives: T(all) = all T, F(all) = any F,
// T(not c) = F(c), and a test on an absent field is neither.  A rule with
// neither T nor F is unknown.

const fs = require('fs')

const MECHS = ['CSP', 'DPOR', 'PAL']
const WORKLOADS = ['azure', 'modern_work', 'dynamics_365', 'power_platform', 'customer_insights']
// Fields whose items are free text, compared without regard to case
// (docs/rules.md); the other arrays hold enumerations, compared exactly.
const TEXT_ITEMS = new Set(['/engagement/access/roles', '/partner/designations',
  '/solution/deployment/resource_types'])
const F = 0; const T = 1; const U = 2

// The role lists from rules/roles.yaml, which scripts/gen-roles.sh writes
// one quoted name a line under each list's key.
function readLists (file) {
  const lists = {}
  let cur = null
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    let m
    if ((m = /^ {2}([a-z_]+):\s*$/.exec(line))) lists[cur = m[1]] = []
    else if (cur && (m = /^ {4}- "(.*)"\s*$/.exec(line))) lists[cur].push(m[1])
  }
  if (!lists.pec_eligible_roles || !lists.pec_ineligible_roles) {
    throw new Error(file + ': no role lists')
  }
  return lists
}

// The views of a plan, as make_views in src/eval.c: with two or more
// workloads one per workload (contract order) holding that workload alone
// and the agreement it is bought on; a transacting CSP partner reads false
// where a workload is bought otherwise while another is on CSP.  With one
// workload, a view of its own only when it has an agreement of its own.
function views (plan) {
  const c = plan.customer
  const wl = c && c.workloads
  if (!Array.isArray(wl) || wl.length === 0) return [{ workload: null, plan }]
  const ags = c.agreements || {}
  const picked = []
  let anyCsp = false
  for (const w of WORKLOADS) {
    if (!wl.includes(w)) continue
    const own = w !== 'azure' && ags[w] !== undefined
    const ag = own ? ags[w] : c.agreement
    if (ag === 'csp') anyCsp = true
    picked.push({ w, own, ag })
  }
  if (picked.length === 1 && !picked[0].own) return [{ workload: null, plan }]
  const split = picked.length > 1
  return picked.map(({ w, own, ag }) => {
    const customer = Object.assign({}, c)
    const view = Object.assign({}, plan, { customer })
    if (split) customer.workloads = [w]
    if (own) customer.agreement = ag
    const e = plan.engagement
    if (e && e.transacting_partner === true && ag !== undefined && ag !== 'csp' && anyCsp) {
      view.engagement = Object.assign({}, e, { transacting_partner: false })
    }
    return { workload: split ? w : null, plan: view }
  })
}

// The priority hit policy of docs/rules.md, "Verdict signals": exclude >
// block > automatic > fit; the first class with a true rule decides, an
// unknown rule of a class before it makes the verdict needs_info.
const CLASSES = ['exclude', 'block', 'automatic', 'fit']
function resolve (rules, res, mech) {
  for (const cls of CLASSES) {
    let fired = false; let unknown = false; let best = -1
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i]
      const sig = typeof r.verdict === 'string' ? r.verdict : 'fit'
      if (sig !== cls || !r.mech.includes(mech)) continue
      if (res[i] === T) {
        fired = true
        if (sig === 'fit' && r.verdict.fit > best) best = r.verdict.fit
      } else if (res[i] === U) unknown = true
    }
    if (fired) {
      if (cls === 'exclude') return 'not_applicable'
      if (cls === 'block') return 'blocked'
      if (cls === 'automatic') return 'automatic'
      return best >= 50 ? 'recommended' : 'possible'
    }
    if (unknown) return 'needs_info'
  }
  return 'not_applicable'
}

// Best first: a mechanism's verdict is the best of its views'.
const GOODNESS = ['recommended', 'automatic', 'possible', 'blocked', 'needs_info', 'not_applicable']

function line (rules, vs, results) {
  return MECHS.map((m) => {
    const per = results.map((res) => resolve(rules, res, m))
    let best = per[0]
    for (const v of per) if (GOODNESS.indexOf(v) < GOODNESS.indexOf(best)) best = v
    const wl = vs[0].workload === null ? ''
      : '(' + vs.map((v, i) => v.workload + ':' + per[i]).join(',') + ')'
    return m + '=' + best + wl
  }).join(' ')
}

// Read FILE (NDJSON), evaluate each view with evalView(view) -> [F|T|U per
// rule] (or a promise of it), print one line per plan.
async function run (rules, file, evalView) {
  const out = []
  for (const text of fs.readFileSync(file, 'utf8').split('\n')) {
    if (text === '') continue
    const vs = views(JSON.parse(text))
    const results = []
    for (const v of vs) {
      const r = evalView(v.plan)
      results.push(r instanceof Promise ? await r : r)
    }
    out.push(line(rules, vs, results))
    if (out.length === 4096) {
      fs.writeSync(1, out.join('\n') + '\n')
      out.length = 0
    }
  }
  if (out.length > 0) fs.writeSync(1, out.join('\n') + '\n')
}

module.exports = { readLists, run, TEXT_ITEMS, F, T, U }
