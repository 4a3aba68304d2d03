// Bicep refuses an escape it does not know ("\q" below), so this file
// never deploys, pid and all: an error, not an attributed file.
resource pid 'Microsoft.Resources/deployments@2021-04-01' = {
  name: 'pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301'
  properties: {
    mode: 'Incremental'
    template: {
      '$schema': 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#'
      contentVersion: '1.0.0.0'
      resources: []
    }
  }
}

var note = 'see C:\quickstart'
