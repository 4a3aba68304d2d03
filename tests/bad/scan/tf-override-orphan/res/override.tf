# The first block merges; the second names a resource no file declares.
resource "azurerm_resource_group" "app" {
  location = "northeurope"
}

  resource "azurerm_resource_group" "typo" {
  location = "northeurope"
}
