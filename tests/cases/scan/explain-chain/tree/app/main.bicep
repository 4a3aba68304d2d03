module storage 'modules/storage.bicep' = {
  name: 'storage'
}
