module again './self.bicep' = {
  name: 'again'
}
