$doc = @"
To attribute your runs, set:
$env:ARM_PARTNER_ID = "pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301"
"@
Set-Content -Path notes.txt -Value $doc
