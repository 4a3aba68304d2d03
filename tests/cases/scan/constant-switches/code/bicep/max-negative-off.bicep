resource pid 'Microsoft.Resources/deployments@2021-04-01' = if (max(0, -1) > 0) {
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
