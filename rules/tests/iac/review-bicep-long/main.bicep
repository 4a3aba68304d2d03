targetScope = 'resourceGroup'

param enableTelemetry bool = true

var cuaId = 'b7e4c2a1-5d3f-4e8a-9c6b-2f1e0d9a8c7b'

module partnerTracking 'modules/empty.bicep' = if (enableTelemetry) {
  name: 'pid-${cuaId}-tailspin-landing-zone-production-westeurope'
}

resource account 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'tailspin${uniqueString(resourceGroup().id)}'
  location: resourceGroup().location
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
}
