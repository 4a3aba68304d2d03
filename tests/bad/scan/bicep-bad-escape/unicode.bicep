// \u{...} takes one or more hex digits worth at most 10FFFF.
var tag = 'pid-\u{110000}'
