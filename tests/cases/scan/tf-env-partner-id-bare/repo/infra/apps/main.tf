terraform {
  required_providers {
    azapi = {
      source = "Azure/azapi"
    }
  }
}

provider "azapi" {}

resource "azapi_resource" "workspace" {
  type      = "Microsoft.OperationalInsights/workspaces@2022-10-01"
  name      = "law-app"
  parent_id = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-app"
  location  = "westeurope"
}
