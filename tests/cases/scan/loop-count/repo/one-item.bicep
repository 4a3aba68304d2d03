resource pid 'Microsoft.Resources/deployments@2021-04-01' = [for x in ['a']: {
  name: 'pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301'
  properties: { mode: 'Incremental', template: { resources: [] } }
}]
