resource "azurerm_resource_group" "rg" {
  provider = azurerm.x
  name     = "rg"
}
