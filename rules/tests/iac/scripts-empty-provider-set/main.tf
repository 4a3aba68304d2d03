provider "azurerm" {
  features {}
  partner_id = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
}

resource "azurerm_resource_group" "app" {
  name     = "rg-app"
  location = "westeurope"
}
