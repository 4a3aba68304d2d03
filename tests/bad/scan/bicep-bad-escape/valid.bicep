// Every escape Bicep takes: not an error.
var all = 'a\\b\'c\nd\re\tf\${g}h\u{70}i\u{0000070}j\u{10FFFF}'
var interpolated = 'x${all}\$y'
var multi = '''\q is text here'''
