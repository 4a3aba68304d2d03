// A deployment with no Customer Usage Attribution GUID: the built-in rules
// report it; a run without rules must not pass it in silence.
param location string = resourceGroup().location

resource store 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'kitstore${uniqueString(resourceGroup().id)}'
  location: location
  sku: {
    name: 'Standard_LRS'
  }
  kind: 'StorageV2'
}
