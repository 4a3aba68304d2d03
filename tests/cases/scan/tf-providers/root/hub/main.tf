# A child module: its caller passes the provider configuration.
resource "azurerm_virtual_network" "hub" {
  name                = "vnet-hub"
  resource_group_name = "rg-hub"
  location            = "westeurope"
  address_space       = ["10.0.0.0/16"]
}
