$g = '3f2504e0-4f89-41d3-9a0c-0305e82c3301'
$env:AZURE_HTTP_USER_AGENT = 'pid-$g'
New-AzResourceGroupDeployment -ResourceGroupName rg -TemplateFile main.json
