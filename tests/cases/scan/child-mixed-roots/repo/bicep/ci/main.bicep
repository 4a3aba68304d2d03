targetScope = 'subscription'

module ci '../rg/main.bicep' = {
  name: '${deployment().name}-ci'
}
