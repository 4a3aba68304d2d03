var a = 'pid-${concat('x', '${b')}
