// A root pid deployment that a scan with too small a bound cannot read.
var pidName = 'pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301'
resource attribution 'Microsoft.Resources/deployments@2021-04-01' = {
  name: pidName
  properties: {
    mode: 'Incremental'
    template: {
      '$schema': 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#'
      contentVersion: '1.0.0.0'
      resources: []
    }
  }
}
