$env:AZURE_HTTP_USER_AGENT = "pid-$env:PARTNER_GUID"
New-AzResourceGroup -Name x -Location westeurope
