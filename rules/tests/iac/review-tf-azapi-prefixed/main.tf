terraform {
  required_providers {
    azapi = {
      source = "Azure/azapi"
    }
  }
}

provider "azapi" {
  partner_id = "pid-b7e4c2a1-5d3f-4e8a-9c6b-2f1e0d9a8c7b"
}

resource "azapi_resource" "rg" {
  type     = "Microsoft.Resources/resourceGroups@2021-04-01"
  name     = "rg-tailspin"
  location = "westeurope"
}
