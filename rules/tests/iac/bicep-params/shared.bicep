// Shared parameters and types: nothing is deployed from here.
@description('Region of every resource')
param location string = 'westeurope'

@export()
type tags = {
  owner: string
}
