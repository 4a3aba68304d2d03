// Deployed for its name only: the pid-<GUID> deployment of main.bicep.
targetScope = 'resourceGroup'
