provider "azurerm" {
  features {}
  partner_id = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
}

provider "azapi" {
  partner_id = "pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301-partnercenter"
}

resource "azurerm_resource_group" "app" {
  name     = "rg-app"
  location = "westeurope"
}

resource "azapi_resource" "workspace" {
  type      = "Microsoft.OperationalInsights/workspaces@2022-10-01"
  name      = "law-app"
  parent_id = azurerm_resource_group.app.id
  location  = "westeurope"
}
