# Double quotes expand $g: the control beside the single-quoted files.
$g = '3f2504e0-4f89-41d3-9a0c-0305e82c3301'
$env:AZURE_HTTP_USER_AGENT = "pid-$g"
