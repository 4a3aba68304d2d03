$env:ARM_PARTNER_ID = "unterminated
$env:AZURE_HTTP_USER_AGENT = 'pid-
