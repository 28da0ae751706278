// Reference comparator for Vigil's differential tests: one process, many lines.
// Usage: node semver-ref.js MODE < input
//   compare        "a<TAB>b"            -> "<", "=", ">" (strict semver.compare) or "!reason"
//   compare-loose  "a<TAB>b"            -> same with { loose: true }
//   satisfies      "v<TAB>range<TAB>options-json" -> "true" / "false"
//   probe          prints "ok" when the semver package loads
'use strict'
const semver = require('semver')
const mode = process.argv[2]
if (mode === 'probe') { console.log('ok'); process.exit(0) }
const input = require('fs').readFileSync(0, 'utf8').split('\n')
if (input.length && input[input.length - 1] === '') input.pop()
const out = []
for (const line of input) {
  const cols = line.split('\t')
  try {
    if (mode === 'compare' || mode === 'compare-loose') {
      const c = semver.compare(cols[0], cols[1], mode === 'compare-loose' ? { loose: true } : {})
      out.push(c < 0 ? '<' : c > 0 ? '>' : '=')
    } else if (mode === 'satisfies') {
      out.push(String(semver.satisfies(cols[0], cols[1], JSON.parse(cols[2] || '{}'))))
    } else {
      throw new Error('unknown mode ' + mode)
    }
  } catch (e) {
    out.push('!' + String(e.message).replace(/\n/g, ' '))
  }
}
process.stdout.write(out.join('\n') + '\n')
