# The network goes through the hub alias; the resource group through the
# default configuration, which has no block in this folder.
module "network" {
  source = "../hub"
  providers = {
    azurerm = azurerm.hub
  }
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-app"
  location = "westeurope"
}
