resource "azurerm_resource_group" "rg" {
  name = "y"
}
