// Adatum Analytics Kit: what a customer deploys into a resource group.
targetScope = 'resourceGroup'

@description('Leave on to let Adatum see the usage of the kit (customer usage attribution).')
param enableTelemetry bool = true

param location string = resourceGroup().location

var cuaId = '5c3b8d4e-2a1f-4e6b-9c7d-8e0f1a2b3c4d'

module partnerTracking 'modules/empty.bicep' = if (enableTelemetry) {
  name: 'pid-${cuaId}-${uniqueString(resourceGroup().id)}'
}

module workspace 'modules/workspace.bicep' = {
  name: 'analytics-workspace'
  params: {
    location: location
  }
}
