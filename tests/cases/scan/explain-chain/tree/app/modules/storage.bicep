// Left over from when this module was deployed on its own.
resource pid 'Microsoft.Resources/deployments@2021-04-01' = {
  name: 'pid-9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'
  properties: { mode: 'Incremental' }
}
