param location string = resourceGroup().location

output region string = location
