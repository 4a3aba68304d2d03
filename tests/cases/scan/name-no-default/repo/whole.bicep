param deploymentName string

module pid './empty.bicep' = {
  name: deploymentName
}
