// Top-level file of a solution: a pid module with an opt-out, and a pid
// that was commented out in the storage module.
targetScope = 'resourceGroup'

@description('Send the partner tracking deployment.')
param enableTelemetry bool = true

var cuaId = '3f2504e0-4f89-41d3-9a0c-0305e82c3301'

module partnerTracking 'modules/empty.bicep' = if (enableTelemetry) {
  name: 'pid-${cuaId}-${uniqueString(resourceGroup().id)}'
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
}
