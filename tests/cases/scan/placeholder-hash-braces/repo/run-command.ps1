$env:AZURE_HTTP_USER_AGENT = "pid-$(Get-Content pid.txt)"
New-AzResourceGroup -Name x -Location westeurope
