param location string = resourceGroup().location

resource account 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'fabrikam${uniqueString(resourceGroup().id)}'
  location: location
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
}

// resource tracking 'Microsoft.Resources/deployments@2021-04-01' = {
//   name: 'pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301'
//   properties: { mode: 'Incremental', template: { resources: [] } }
// }
