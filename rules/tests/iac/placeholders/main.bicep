// The release pipeline replaces the token; this source never deploys as is.
module cuaTracking './empty.bicep' = {
  name: 'pid-__CUA_GUID__'
}
