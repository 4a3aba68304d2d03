param location string

resource lake 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'adatum${uniqueString(resourceGroup().id)}'
  location: location
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
  properties: { isHnsEnabled: true }
}

// Left over from an early version: a pid in a module is never attributed.
resource moduleTracking 'Microsoft.Resources/deployments@2021-04-01' = {
  name: 'pid-5c3b8d4e-2a1f-4e6b-9c7d-8e0f1a2b3c4d-workspace'
  properties: {
    mode: 'Incremental'
    template: {
      '$schema': 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#'
      contentVersion: '1.0.0.0'
      resources: []
    }
  }
}
