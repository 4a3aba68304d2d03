# Old deployment script: the user agent lacks the pid- prefix.
$env:AZURE_HTTP_USER_AGENT = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
$env:ARM_PARTNER_ID = "fabrikam-app"
New-AzResourceGroupDeployment -ResourceGroupName rg-fabrikam -TemplateFile main.json
