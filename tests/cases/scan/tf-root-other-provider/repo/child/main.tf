# A child module: no provider block at all; its caller passes azurerm.
resource "azurerm_resource_group" "rg" {
  name     = "rg-child"
  location = "westeurope"
}
