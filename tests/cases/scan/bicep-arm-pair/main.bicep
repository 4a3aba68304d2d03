@description('Appended to the tracking deployment name.')
param suffix string = 'web'

param telemetryOptOut bool = false

var cuaId = '11111111-2222-3333-4444-555555555555'

resource pid 'Microsoft.Resources/deployments@2021-04-01' =
  if (!telemetryOptOut) {
    name: 'pid-${cuaId}-${suffix}'
    properties: {
      mode: 'Incremental'
      template: {
        '$schema': 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#'
        contentVersion: '1.0.0.0'
        resources: []
      }
    }
  }
