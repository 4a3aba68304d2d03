resource "azurerm_resource_group" "rg" {
  location = "westeurope"
}
provider "azurerm" {
  alias = "x"
  features {}
}
