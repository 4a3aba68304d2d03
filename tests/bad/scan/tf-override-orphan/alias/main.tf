provider "azurerm" {
  features {}
  partner_id = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
}

provider "azurerm" {
  alias      = "spoke"
  features {}
  partner_id = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
}

resource "azurerm_resource_group" "app" {
  provider = azurerm.spoke
  name     = "rg-app"
  location = "westeurope"
}
