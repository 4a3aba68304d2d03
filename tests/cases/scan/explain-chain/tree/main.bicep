// The root customers deploy: its pid is the one that counts.
var cuaId = '3f2504e0-4f89-41d3-9a0c-0305e82c3301'
resource pid 'Microsoft.Resources/deployments@2021-04-01' = {
  name: 'pid-${cuaId}-${uniqueString(resourceGroup().id)}'
  properties: { mode: 'Incremental' }
}
module app 'app/main.bicep' = {
  name: 'app'
}
