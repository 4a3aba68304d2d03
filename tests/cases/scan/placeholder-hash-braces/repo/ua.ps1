$env:AZURE_HTTP_USER_AGENT = "pid-#{PID}#"
New-AzResourceGroup -Name x -Location westeurope
