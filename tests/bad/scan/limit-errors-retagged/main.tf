# Three configurations without partner_id past an errors limit of 1, and a
# script that sets ARM_PARTNER_ID: the note counts what they are in the end.
provider "azurerm" {
  features {}
}
provider "azurerm" {
  alias = "a"
  features {}
}
provider "azurerm" {
  alias = "b"
  features {}
}
resource "azurerm_x" "a" { provider = azurerm.a }
resource "azurerm_x" "b" { provider = azurerm.b }
resource "azurerm_x" "c" {}
