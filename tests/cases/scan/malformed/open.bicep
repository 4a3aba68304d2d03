resource x 'Microsoft.Resources/deployments@2021-04-01' = {
  name: 'pid-
}
