// Deployed only for its name: the pid lives in the caller.
targetScope = 'resourceGroup'
