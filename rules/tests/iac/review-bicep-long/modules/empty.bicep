// Deployed only for its name.
targetScope = 'resourceGroup'
